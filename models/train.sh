#!/bin/sh
# Retrains every shipped entity model (docs/NER.md, models/README.md). Run from the repository
# root after building: models/train.sh [build-dir] [data-root]. About a minute on two cores.
set -e
build=${1:-build}
data=${2:-../shared/data}
for lang in bg cs pl ru sl uk en; do
  "$build/tools/vestnik/vestnik" train ner --lang "$lang" --data "$data" --out "models/ner-$lang.model"
done
