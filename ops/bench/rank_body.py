#!/usr/bin/env python3
"""Writes the rank request body the HTTP benchmarks post: two context objects and 10 actions of
Personalizer-style features (the default policy's -q :: makes about 50 features per action).
Usage: rank_body.py out.json"""
import json
import random
import sys

random.seed(3)
ctx = [{"user": {"mood": "tired", "tier": "gold", "visits": 12, "mobile": True}},
       {"time": {"hour": 9, "weekday": "tue", "season": "winter", "holiday": False}}]
actions = [{"id": "item-%d" % i, "features": [{"kind": "k%d" % (i % 4), "price": round(random.uniform(1, 9), 2),
            "brand": "b%d" % (i % 3)}, {"tags": {"hot": i % 2 == 0, "new": i % 3 == 0}}]} for i in range(10)]
json.dump({"contextFeatures": ctx, "actions": actions}, open(sys.argv[1], "w"))
