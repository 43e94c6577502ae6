#!/bin/sh
# Remove what install.sh put into ~/.local. Your leads (~/.local/share/LeadDesk) stay where they are.
set -eu
APP_ID=de.leaddesk.LeadDesk
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
lib=$HOME/.local/lib/leaddesk
bin=$HOME/.local/bin

# Only our own link: a different program called leaddesk stays.
if [ -L "$bin/leaddesk" ] && [ "$(readlink "$bin/leaddesk")" = "$lib/leaddesk" ]; then
  rm -f "$bin/leaddesk"
fi
rm -f "$data_home/applications/$APP_ID.desktop" "$data_home/metainfo/$APP_ID.metainfo.xml"
for icon in "$data_home"/icons/hicolor/*/apps/"$APP_ID".png "$data_home"/icons/hicolor/scalable/apps/"$APP_ID".svg; do
  rm -f "$icon"
done
rm -rf "$lib" "$lib.new"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data_home/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data_home/icons/hicolor" || true
echo "LeadDesk removed. Your leads are still in ${LEADDESK_DATA_DIR:-$data_home/LeadDesk}."
