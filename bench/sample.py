#!/usr/bin/env python3
"""Copies a bounded sample of the news corpora for bench/run.sh.

    bench/sample.py DATA OUT MB

For each language, up to MB megabytes (0: everything) of raw articles go to OUT/<lang>/ as
.txt files, and the same bytes concatenated to OUT/<lang>.cat (gzip's input). Slavic languages
come from DATA/slavicner/raw/<topic>/<lang>/*.txt, taken in turn from every topic so that a
small sample mixes them; English from DATA/polnear/{train,dev}/text/*.txt. Deterministic.
"""
import glob
import os
import shutil
import sys


def ordered(files):
    """The files in turn from each topic (the folder above the language folder)."""
    groups = {}
    for f in files:
        groups.setdefault(os.path.dirname(os.path.dirname(f)), []).append(f)
    queues = [list(g) for _, g in sorted(groups.items())]
    out = []
    while any(queues):
        for q in queues:
            if q:
                out.append(q.pop(0))
    return out


def main():
    data, out, mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
    langs = {l: sorted(glob.glob(f"{data}/slavicner/raw/*/{l}/*.txt"))
             for l in "bg cs pl ru sl uk".split()}
    langs["en"] = sorted(glob.glob(f"{data}/polnear/*/text/*.txt"))
    for lang, files in langs.items():
        os.makedirs(f"{out}/{lang}", exist_ok=True)
        total = 0
        with open(f"{out}/{lang}.cat", "wb") as cat:
            for i, f in enumerate(ordered(files)):
                if mb > 0 and total >= mb * 1e6:
                    break
                shutil.copyfile(f, f"{out}/{lang}/{i:05d}_{os.path.basename(f)}")
                with open(f, "rb") as src:
                    b = src.read()
                cat.write(b)
                total += len(b)


if __name__ == "__main__":
    main()
