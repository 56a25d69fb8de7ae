#!/usr/bin/env bash
# Create the virtual environment and install Tunewright with torch built for this host.
#   GPU host (nvidia-smi works): torch==2.13.0 from PyPI, whose Linux wheels are the CUDA build.
#   CPU host: torch==2.13.0+cpu — from pip's configured sources if they have it (a local wheel), else PyTorch's CPU index
#   (TUNEWRIGHT_TORCH_CPU_INDEX overrides it). A bare `torch` would pull several GB of CUDA packages.
set -euo pipefail
VENV=${1:-.venv}
PYTHON=${PYTHON:-python3}
TORCH_VERSION=2.13.0
CPU_INDEX=${TUNEWRIGHT_TORCH_CPU_INDEX:-https://download.pytorch.org/whl/cpu}

"$PYTHON" -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required"'
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
PIP="$VENV/bin/python -m pip"
$PIP install -q --upgrade pip

have_torch=$("$VENV/bin/python" -c "import torch; print(torch.__version__)" 2>/dev/null || true)
if [[ "$have_torch" != "$TORCH_VERSION"* ]]; then
  if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then
    echo "install: GPU found, installing the CUDA build of torch==$TORCH_VERSION"
    $PIP install -q "torch==$TORCH_VERSION"
  else
    echo "install: no GPU, installing the CPU build of torch==$TORCH_VERSION"
    $PIP install -q "torch==$TORCH_VERSION+cpu" 2>/dev/null \
      || $PIP install -q "torch==$TORCH_VERSION+cpu" --index-url "$CPU_INDEX" --extra-index-url https://pypi.org/simple
  fi
fi
$PIP install -q -e ".[worker,dev]"
