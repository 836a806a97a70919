#!/usr/bin/python3
"""Writes ProfileHub's demo dataset: the same people seen by four systems.

crm_contacts.csv       CRM contacts (crm_id, email, phone, traits)            source "crm"
web_events.jsonl       web analytics: anonymous devices, logins, purchases    source "web"
email_events.jsonl     email platform: opens and tracked clicks               source "email"
support_tickets.jsonl  help desk: tickets and NPS answers                     source "support"

Deterministic (fixed seed, fixed start date): re-running rewrites identical files. Python stdlib only.
Usage: /usr/bin/python3 samples/generate.py [--people N] [--out DIR]
"""
import argparse
import csv
import json
import os
import random
from datetime import datetime, timedelta, timezone

START = datetime(2026, 9, 1, 8, 0, tzinfo=timezone.utc)
STAGES = ["awareness", "consideration", "decision", "onboarding", "adoption", "advocacy"]
# Share of people whose journey reaches at least each stage (a typical B2B SaaS funnel).
REACH = [1.0, 0.68, 0.42, 0.27, 0.16, 0.07]
FIRST = ["Ada", "Grace", "Alan", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Radia", "Edsger",
         "Frances", "John", "Hedy", "Tim", "Katherine", "Niklaus", "Sophie", "Guido", "Anita", "Bjarne"]
LAST = ["Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson",
        "Perlman", "Dijkstra", "Allen", "McCarthy", "Lamarr", "Berners-Lee", "Johnson", "Wirth",
        "Wilson", "van Rossum", "Borg", "Stroustrup"]
COMPANIES = ["Acme Corp", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises",
             "Wonka Industries", "Tyrell", "Cyberdyne", "Soylent", "Vandelay Industries"]
COUNTRIES = [("US", "+1 415 555 {:04d}"), ("GB", "+44 20 7946 {:04d}"), ("DE", "+49 30 901820{:02d}"),
             ("FR", "+33 1 70 36 {:02d} {:02d}")]
PRODUCTS = ["starter", "team", "business", "enterprise"]
PAGES = ["/", "/blog/journey-maps", "/blog/identity-resolution", "/customers", "/about"]


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class Person:
    def __init__(self, n, rng):
        self.n = n
        first, last = rng.choice(FIRST), rng.choice(LAST)
        self.name = f"{first} {last}"
        domain = rng.choice(COMPANIES).lower().replace(" ", "") + ".example"
        self.company = [c for c in COMPANIES if c.lower().replace(" ", "") + ".example" == domain][0]
        self.email = f"{first.lower()}.{last.lower().replace(' ', '')}{n}@{domain}"
        country, phone = rng.choice(COUNTRIES)
        self.country = country
        self.phone = phone.format(n % 10000) if country != "FR" else phone.format(n % 100, (n // 100) % 100)
        self.crm_id = f"CRM-{100000 + n}" if rng.random() < 0.75 else None
        self.user_id = f"u{700000 + n}"
        self.esp_id = f"esp-{n:05d}"
        self.support_id = f"zd-{40000 + n}" if rng.random() < 0.35 else None
        self.desktop = f"web-{rng.getrandbits(48):012x}"
        self.mobile = f"app-{rng.getrandbits(48):012x}" if rng.random() < 0.6 else None
        depth = 0
        for i, share in enumerate(REACH):
            if rng.random() < share / (REACH[i - 1] if i else 1.0):
                depth = i
            else:
                break
        self.depth = depth
        self.start = START + timedelta(days=rng.uniform(0, 45), minutes=rng.randrange(0, 600))


class Dataset:
    def __init__(self, people, seed):
        self.rng = random.Random(seed)
        self.people = [Person(n, self.rng) for n in range(1, people + 1)]
        self.crm, self.web, self.email, self.support = [], [], [], []
        self.kiosk = "web-kiosk-lobby-01"

    def record(self, sink, source, t, identifiers, event, properties=None, traits=None):
        rid = f"{source}-{len(sink) + 1:06d}"
        sink.append({
            "source": source, "record_id": rid, "occurred_at": iso(t),
            "identifiers": [{"type": k, "value": v} for k, v in identifiers if v],
            "event": event, "properties": properties or {}, "traits": traits or {},
        })

    def build(self):
        for p in self.people:
            self.journey(p)
        self.shared_kiosk()
        self.bot_traffic()
        for sink in (self.web, self.email, self.support):
            sink.sort(key=lambda r: (r["occurred_at"], r["record_id"]))

    def journey(self, p):
        rng, t = self.rng, p.start
        step = lambda lo, hi: timedelta(hours=rng.uniform(lo, hi))
        # Awareness: anonymous visits on the desktop, sometimes an opened newsletter.
        for _ in range(rng.randint(1, 3)):
            self.record(self.web, "web", t, [("device_id", p.desktop)], "page_viewed", {"path": rng.choice(PAGES)})
            t += step(2, 30)
        if rng.random() < 0.5:
            self.record(self.email, "email", t, [("esp_id", p.esp_id), ("email", p.email)], "email_opened", {"campaign": "newsletter-09"})
            t += step(1, 12)
        if p.crm_id:
            # Sales enters the contact once the person has shown up (form fill, event badge scan, …).
            self.crm.append({"source": "crm", "record_id": p.crm_id, "occurred_at": iso(t), "event": "contact_created",
                             "id:crm_id": p.crm_id, "id:email": p.email.upper() if p.n % 7 == 0 else p.email,
                             "id:phone": p.phone, "trait:name": p.name, "trait:company": p.company,
                             "trait:country": p.country, "prop:lead_source": rng.choice(["webinar", "referral", "ads", "organic"])})
        if p.depth < 1:
            return
        # Consideration: a tracked email click ties the desktop cookie to the email address.
        self.record(self.email, "email", t, [("esp_id", p.esp_id), ("email", p.email), ("device_id", p.desktop)],
                    "email_clicked", {"campaign": "pricing-nurture", "url": "/pricing"})
        t += step(0.1, 2)
        self.record(self.web, "web", t, [("device_id", p.desktop)], rng.choice(["pricing_viewed", "product_viewed", "comparison_viewed"]), {"plan": rng.choice(PRODUCTS)})
        t += step(4, 48)
        if p.mobile:
            # The phone app browses anonymously first, then the person logs in: cross-device stitching.
            self.record(self.web, "web", t, [("device_id", p.mobile)], "product_viewed", {"screen": "features"})
            t += step(0.2, 6)
        if p.depth < 2:
            return
        self.record(self.web, "web", t, [("device_id", p.mobile or p.desktop), ("user_id", p.user_id), ("email", p.email)], "signed_up", {"method": "email"})
        t += step(1, 24)
        self.record(self.web, "web", t, [("device_id", p.desktop), ("user_id", p.user_id)], rng.choice(["trial_started", "demo_requested", "cart_added"]), {"plan": rng.choice(PRODUCTS)})
        t += step(12, 96)
        if p.support_id and rng.random() < 0.7:
            self.record(self.support, "support", t, [("support_id", p.support_id), ("email", p.email)], "ticket_created",
                        {"topic": rng.choice(["billing", "sso", "import", "api"]), "priority": rng.choice(["low", "normal", "high"])},
                        {"name": p.name})
            t += step(2, 24)
        if p.depth < 3:
            return
        plan = rng.choice(PRODUCTS)
        self.record(self.web, "web", t, [("device_id", p.mobile or p.desktop), ("user_id", p.user_id)], "purchase_completed",
                    {"plan": plan, "amount": str(rng.choice([49, 99, 249, 999]))}, {"plan": plan})
        t += step(1, 20)
        if p.crm_id:
            self.crm.append({"source": "crm", "record_id": p.crm_id + "-won", "occurred_at": iso(t), "event": "deal_won",
                             "id:crm_id": p.crm_id, "trait:plan": plan, "trait:lifecycle": "customer", "prop:amount": str(rng.choice([588, 1188, 2988]))})
        if p.depth < 4:
            return
        # Adoption: active on at least three separate days within 30 days of onboarding.
        for day in range(3 + rng.randint(0, 3)):
            t += timedelta(days=rng.uniform(1.0, 4.0))
            self.record(self.web, "web", t, [("device_id", rng.choice([d for d in (p.desktop, p.mobile) if d])), ("user_id", p.user_id)],
                        rng.choice(["report_viewed", "dashboard_viewed", "page_viewed"]), {"day": str(day)})
        if p.depth < 5:
            return
        t += step(24, 240)
        if p.support_id:
            self.record(self.support, "support", t, [("support_id", p.support_id), ("email", p.email)], "nps_submitted", {"score": str(rng.choice([9, 10]))})
        else:
            self.record(self.web, "web", t, [("device_id", p.desktop), ("user_id", p.user_id)], rng.choice(["review_posted", "referral_sent"]), {})

    def shared_kiosk(self):
        # A trade-show kiosk: several people log in on one device. The shared-device guard stops it from fusing them.
        t = START + timedelta(days=20, hours=3)
        for p in self.people[:6]:
            self.record(self.web, "web", t, [("device_id", self.kiosk), ("user_id", p.user_id)], "page_viewed", {"path": "/booth"})
            t += timedelta(minutes=17)

    def bot_traffic(self):
        # Crawler hits without any identifier: the service rejects them and `profilehub ingest` lists them in the rejects file.
        t = START + timedelta(days=10)
        for i in range(3):
            self.record(self.web, "web", t + timedelta(minutes=i), [], "page_viewed", {"path": "/robots.txt", "user_agent": "crawler"})

    def write(self, out):
        os.makedirs(out, exist_ok=True)
        columns = ["source", "record_id", "occurred_at", "event", "id:crm_id", "id:email", "id:phone",
                   "trait:name", "trait:company", "trait:country", "trait:plan", "trait:lifecycle", "prop:lead_source", "prop:amount"]
        self.crm.sort(key=lambda r: (r["occurred_at"], r["record_id"]))
        with open(os.path.join(out, "crm_contacts.csv"), "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            for row in self.crm:
                writer.writerow(row)
        for name, sink in (("web_events.jsonl", self.web), ("email_events.jsonl", self.email), ("support_tickets.jsonl", self.support)):
            with open(os.path.join(out, name), "w", encoding="utf-8") as f:
                for r in sink:
                    f.write(json.dumps(r, separators=(",", ":"), ensure_ascii=False) + "\n")
        return {"crm_contacts.csv": len(self.crm), "web_events.jsonl": len(self.web),
                "email_events.jsonl": len(self.email), "support_tickets.jsonl": len(self.support)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=800)
    parser.add_argument("--seed", type=int, default=20260901)
    parser.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    args = parser.parse_args()
    data = Dataset(args.people, args.seed)
    data.build()
    for name, count in data.write(args.out).items():
        print(f"{name}: {count} records")


if __name__ == "__main__":
    main()
