#!/usr/bin/env python3
"""Scores every sentence of a corpus with vaderSentiment (the peer of issue 11's benchmark).

usage: vader_bench.py FILELIST0   (a NUL-separated list of .txt and .jsonl files, as run.sh writes)
prints: docs=N sentences=N compound_sum=X
"""
import json
import re
import sys

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

# A plain splitter: paragraph breaks, then ". X" / '." X' boundaries. VADER scores each piece.
PARAGRAPHS = re.compile(r"\r?\n\s*")
SENTENCES = re.compile(r'(?<=[.!?])\s+(?=[“"‘(A-Z0-9])|(?<=[.!?]["”’])\s+')


def texts(paths):
    for path in paths:
        if path.endswith(".jsonl"):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    line = line.strip()
                    if line:
                        yield json.loads(line).get("text", "")
        else:
            with open(path, encoding="utf-8-sig", errors="replace") as f:
                yield f.read()


def main():
    with open(sys.argv[1], "rb") as f:
        paths = [p.decode() for p in f.read().split(b"\0") if p]
    analyzer = SentimentIntensityAnalyzer()
    docs = sentences = 0
    total = 0.0
    for text in texts(paths):
        docs += 1
        for paragraph in PARAGRAPHS.split(text):
            for sentence in SENTENCES.split(paragraph):
                if sentence.strip():
                    total += analyzer.polarity_scores(sentence)["compound"]
                    sentences += 1
    print(f"docs={docs}\tsentences={sentences}\tcompound_sum={total:.3f}")


if __name__ == "__main__":
    main()
