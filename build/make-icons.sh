#!/usr/bin/env bash
# Renders the Orgport icon from icon.svg / icon-small.svg into every file electron-builder reads:
#   icons/<n>x<n>.png  Linux (AppImage, deb) picks sizes from this folder
#   icon.png           1024 px, the fallback any target can convert from
#   icon.ico           Windows (NSIS installer, exe resource): 16–256 px, 256 stored as PNG
#   icon.icns          macOS (DMG, app bundle): 16–1024 px
# The outputs are committed, so packaging needs none of these tools. Run it again after editing an SVG.
# Tools (Debian): apt-get install librsvg2-bin icoutils icnsutils
set -euo pipefail
cd "$(dirname "$0")"
for tool in rsvg-convert icotool png2icns; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install librsvg2-bin icoutils icnsutils)" >&2; exit 1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p icons
for size in 16 24 32 48 64 128 256 512 1024; do
  # Grid lines and the building's windows blur below 48 px; the small drawing keeps only what reads.
  source=icon.svg
  if [ "$size" -le 32 ]; then source=icon-small.svg; fi
  rsvg-convert --width "$size" --height "$size" "$source" --output "$tmp/$size.png"
done

rm -f icons/*.png
for size in 16 24 32 48 64 128 256 512 1024; do cp "$tmp/$size.png" "icons/${size}x${size}.png"; done
cp "$tmp/1024.png" icon.png
icotool --create --output icon.ico "$tmp/16.png" "$tmp/24.png" "$tmp/32.png" "$tmp/48.png" "$tmp/64.png" \
  "$tmp/128.png" --raw="$tmp/256.png"
# png2icns picks each image's icns slot from its size (24 and 64 have none).
png2icns icon.icns "$tmp/16.png" "$tmp/32.png" "$tmp/48.png" "$tmp/128.png" "$tmp/256.png" "$tmp/512.png" \
  "$tmp/1024.png" >/dev/null
echo "icons written to $(pwd)"
