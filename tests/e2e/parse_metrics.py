#!/usr/bin/python3
"""Reads a Prometheus text exposition on stdin with the reference parser
(prometheus_client, Debian's python3-prometheus-client) and prints its
samples as JSON: {"samples": [{"name", "labels", "value"}], "types": {family: type}}.
Exits 1 when the text does not parse."""
import json
import math
import sys

from prometheus_client.parser import text_string_to_metric_families


def main():
    text = sys.stdin.read()
    samples, types = [], {}
    try:
        for family in text_string_to_metric_families(text):
            types[family.name] = family.type
            for s in family.samples:
                value = s.value
                if math.isinf(value):
                    value = "+Inf" if value > 0 else "-Inf"
                samples.append({"name": s.name, "labels": dict(s.labels), "value": value})
    except Exception as e:  # the parser raises ValueError and others
        print("parse error: %s" % e, file=sys.stderr)
        return 1
    json.dump({"samples": samples, "types": types}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
