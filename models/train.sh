#!/bin/sh
# Retrains every shipped entity model (docs/NER.md, models/README.md). Run from the repository
# root after building: models/train.sh [build-dir] [data-root]. About ten minutes on two cores.
set -e
build=${1:-build}
data=${2:-../shared/data}
for lang in bg cs pl ru sl uk; do
  "$build/tools/vestnik/vestnik" train ner --lang "$lang" --data "$data" --out "models/ner-$lang.model" \
    --extra-langs bg,cs,pl,ru,sl,uk --prune 1 --dropout 0.1
done
"$build/tools/vestnik/vestnik" train ner --lang en --data "$data" --out models/ner-en.model
# German common nouns for the rule recogniser (models/README.md).
"$build/tools/vestnik/vestnik" train nouns --data "$data"
# The speaker rankers (models/README.md): PolNeAR train; GermEval with every fifth article held out.
"$build/tools/vestnik/vestnik" train speakers --corpus polnear --data "$data" --out models/speakers-en.model
"$build/tools/vestnik/vestnik" train speakers --corpus germeval --data "$data" --holdout-every 5 \
  --out models/speakers-de.model
