#!/bin/sh
# Install LeadDesk for the current user, without root, into ~/.local:
#   ~/.local/lib/leaddesk/            the application (this archive's LeadDesk/ folder)
#   ~/.local/bin/leaddesk             a link to it, for the terminal
#   ~/.local/share/applications/      the menu entry      ~/.local/share/icons/hicolor/  its icons
#   ~/.local/share/metainfo/          AppStream data      ~/.local/lib/leaddesk/uninstall.sh
# Running it again updates an installed LeadDesk. Your leads are not here: they live in
# ~/.local/share/LeadDesk and neither install.sh nor uninstall.sh touches them.
set -eu
APP_ID=de.leaddesk.LeadDesk
here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
lib=$HOME/.local/lib/leaddesk
bin=$HOME/.local/bin

if [ ! -x "$here/LeadDesk/leaddesk" ]; then
  echo "install.sh: $here/LeadDesk/leaddesk is missing; run install.sh from the unpacked archive" >&2
  exit 1
fi
mkdir -p "$HOME/.local/lib" "$bin" "$data_home/applications" "$data_home/metainfo" "$data_home/icons/hicolor"
# The new copy first, then swap: an interrupted install leaves the previous version working.
rm -rf "$lib.new"
cp -R "$here/LeadDesk" "$lib.new"
cp "$here/uninstall.sh" "$lib.new/uninstall.sh"
rm -rf "$lib"
mv "$lib.new" "$lib"
ln -sf "$lib/leaddesk" "$bin/leaddesk"

# Menu entry with the absolute program path (a menu does not always search ~/.local/bin).
sed "s|^Exec=leaddesk|Exec=\"$lib/leaddesk\"|" "$here/share/applications/$APP_ID.desktop" \
  > "$data_home/applications/$APP_ID.desktop"
cp -R "$here/share/icons/hicolor/." "$data_home/icons/hicolor/"
cp "$here/share/metainfo/$APP_ID.metainfo.xml" "$data_home/metainfo/"

# Refresh the menu and icon caches where the tools exist (the desktop picks files up anyway).
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data_home/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data_home/icons/hicolor" || true

version=$("$lib/leaddesk" --version 2>/dev/null || echo LeadDesk)
echo "$version installed in $lib"
echo "Start it from your applications menu (Office) or with: leaddesk"
case ":$PATH:" in *":$bin:"*) ;; *) echo "Note: $bin is not on your PATH; the menu entry works regardless." ;; esac
echo "Remove it again with: $lib/uninstall.sh"
