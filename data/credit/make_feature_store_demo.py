#!/usr/bin/env python3
"""Derives the feature-store demo's two CSV files from credit_data.csv (standard library only).

The attribute values and outcomes are the real ones of credit_data.csv; the ids, the times and
the extra snapshots are synthetic, deterministic functions of the row number:

credit_applications.csv  one loan application per row: application_id, customer_id, applied_at,
                         status (the label) and the loan's own terms (time, amount, price).
credit_snapshots.csv     what the bureau reported about the customer, with reported_at:
                         - the real attributes, 1 to 60 days before the application;
                         - for every third customer, an older report a year earlier (age and
                           seniority one year less);
                         - a review 90 days after the application, where a bad loan is now on
                           record (records = "yes"). It comes from the future of the application
                           and encodes the outcome: a point-in-time join must never use it.

Run from the checkout root:  python3 data/credit/make_feature_store_demo.py
"""
import csv
import datetime as dt
import os

HERE = os.path.dirname(os.path.abspath(__file__))
START = dt.datetime(2023, 1, 1)
PROFILE = ["seniority", "home", "age", "marital", "records", "job", "expenses", "income",
           "assets", "debt"]


def main():
    with open(os.path.join(HERE, "credit_data.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    apps, snaps = [], []
    for i, r in enumerate(rows, start=1):
        customer = 100000 + i
        applied = START + dt.timedelta(days=(i * 7919) % 730, hours=(i * 37) % 24)
        apps.append({"application_id": i, "customer_id": customer,
                     "applied_at": applied.strftime("%Y-%m-%d %H:%M:%S"),
                     "status": r["status"], "time": r["time"], "amount": r["amount"],
                     "price": r["price"]})
        before = applied - dt.timedelta(days=1 + i % 60)
        snaps.append(snapshot(customer, before, r))
        if i % 3 == 0:
            older = dict(r)
            for col in ("age", "seniority"):
                if older[col] != "":
                    older[col] = str(max(0, int(older[col]) - 1))
            snaps.append(snapshot(customer, before - dt.timedelta(days=365), older))
        review = dict(r)
        if r["status"] == "bad":
            review["records"] = "yes"
        snaps.append(snapshot(customer, applied + dt.timedelta(days=90), review))
    write("credit_applications.csv", apps)
    write("credit_snapshots.csv", sorted(snaps, key=lambda s: (s["customer_id"],
                                                                s["reported_at"])))


def snapshot(customer, at, r):
    out = {"customer_id": customer, "reported_at": at.strftime("%Y-%m-%d %H:%M:%S")}
    out.update({k: r[k] for k in PROFILE})
    return out


def write(name, rows):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), quoting=csv.QUOTE_MINIMAL,
                           lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
