#!/usr/bin/env bash
# npm run test:setup: the Debian packages the tests need, installed when missing.
# poppler-utils (pdftotext, pdffonts, pdfinfo, pdfsig) and qpdf check the PDFs independently of the code that made them;
# libnss3-tools (certutil) builds the NSS trust store through which pdfsig trusts the development CA;
# chromium runs the browser tests (playwright-core drives /usr/bin/chromium; it never downloads a browser),
# with chromium-l10n so that started in Bahasa Indonesia (--lang=id-ID) its own controls (dates, file buttons, form checks) are too;
# zbar-tools (zbarimg) reads the QR codes printed on the documents.
# openssl checks timestamps, OCSP answers and encrypted key files; bsdutils (script) gives npm start a terminal.
# Installs with apt-get as root, or through sudo without a password prompt; names what it could not install and fails.
set -uo pipefail

# package: what must be there afterwards (a command on PATH, or an absolute path)
needs=(
  "poppler-utils:pdftotext pdffonts pdfinfo pdfsig"
  "qpdf:qpdf"
  "libnss3-tools:certutil"
  "chromium:/usr/bin/chromium"
  "chromium-l10n:/usr/lib/chromium/locales/id.pak"
  "zbar-tools:zbarimg"
  "openssl:openssl"
  "bsdutils:script"
)

present() {
  local thing
  for thing in $1; do
    if [[ $thing == /* ]]; then [[ -e $thing ]] || return 1; else command -v "$thing" >/dev/null 2>&1 || return 1; fi
  done
}

# The packages still missing, space-separated (bash only: this runs before anything is installed).
missing() {
  local entry list=()
  for entry in "${needs[@]}"; do present "${entry#*:}" || list+=("${entry%%:*}"); done
  echo "${list[*]-}"
}

wanted=$(missing)
if [[ -z $wanted ]]; then
  echo "test:setup: the Debian packages the tests need are installed"
  exit 0
fi

echo "test:setup: installing $wanted"
if [[ ${EUID:-$(id -u)} -eq 0 ]]; then as_root=(); elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then as_root=(sudo -n); else as_root=(none); fi
if [[ ${as_root[*]-} == none ]]; then
  echo "test:setup: not root and no sudo without a password; install these as root: apt-get install -y $wanted" >&2
elif ! command -v apt-get >/dev/null 2>&1; then
  echo "test:setup: apt-get not found (not Debian?); install the equivalents of: $wanted" >&2
else
  # shellcheck disable=SC2086
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $wanted
fi

still=$(missing)
if [[ -n $still ]]; then
  echo "test:setup: could not install: $still (the tests need them)" >&2
  exit 1
fi
echo "test:setup: installed $wanted"
