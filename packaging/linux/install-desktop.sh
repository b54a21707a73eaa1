#!/bin/sh
# Put SoloRec (this folder) into the desktop menu: writes solorec.desktop into
# $XDG_DATA_HOME/applications (default ~/.local/share/applications) with the
# absolute path of the SoloRec executable beside this script, and the icon into
# the hicolor theme. No Python needed. `./install-desktop.sh --uninstall` removes both.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd -P)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
APPS=$DATA/applications
ICONS=$DATA/icons/hicolor/256x256/apps
if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$APPS/solorec.desktop" "$ICONS/solorec.png"
    echo "removed the SoloRec launcher"
    exit 0
fi
mkdir -p "$APPS" "$ICONS"
cp "$HERE/solorec.png" "$ICONS/solorec.png"
# Desktop Entry quoting: the path in double quotes, with \ " ` $ escaped by a backslash, which the
# file's own string escaping then doubles; % doubled.
EXE=$(printf '%s' "$HERE/SoloRec" | sed -e 's/[\\"`$]/\\\\&/g' -e 's/%/%%/g')
ICON=$ICONS/solorec.png
# Escape for sed's replacement text (\ & and the | delimiter).
sed_escape() { printf '%s' "$1" | sed -e 's/[\\&|]/\\&/g'; }
sed -e "s|^Exec=.*|Exec=\"$(sed_escape "$EXE")\" %f|" \
    -e "s|^Icon=.*|Icon=$(sed_escape "$ICON")|" \
    -e "/^Exec=/a TryExec=$(sed_escape "$HERE/SoloRec")" \
    -e "/^Exec=/a Path=$(sed_escape "$HERE")" \
    "$HERE/solorec.desktop" > "$APPS/solorec.desktop.tmp"
chmod 755 "$APPS/solorec.desktop.tmp"
mv "$APPS/solorec.desktop.tmp" "$APPS/solorec.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$APPS" >/dev/null 2>&1 || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" >/dev/null 2>&1 || true
echo "installed $APPS/solorec.desktop: SoloRec is now in the desktop menu"
