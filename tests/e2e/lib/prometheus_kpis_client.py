#!/usr/bin/python3
"""Drives a small service-desk workload through two replicas and compares PromQL with the report.

Creates an SLA policy (a 1-second response target for PRIORITY_HIGH), then about forty
interactions with receive times in the current hour on several channels, types, priorities and
services, and answers, resolves, escalates, links, reopens, abandons and surveys them, each call
going to the replicas in turn. Then it waits (bounded) until the business metrics that
Prometheus scraped from both replicas settle, and checks them against GetKpiReport over the
whole UTC hours that hold the receive times. Prints one PASS or FAIL line per check; exits 1 if
any failed.

How the counters relate to the report (the figures compared below):
- counters count events once across replicas, so fleet values are sum() over instances;
  frontdesk_open_interactions is read from the database by every replica, so it takes max();
- frontdesk_interactions_resolved_total counts resolutions, the report interactions resolved
  now: an interaction reopened and resolved again adds 2 to the counter and 1 to the report's
  first_level_resolution denominator, and one reopened and still open adds 1 to the counter
  and nothing to the report;
- frontdesk_first_response_seconds observes each interaction once, when it is first answered;
  a reply logged afterwards with an earlier occur_time moves the first response back, which the
  report follows but a histogram cannot: its _sum keeps the duration first observed, so it
  exceeds first_response.total_duration by the amount the first responses moved;
- frontdesk_first_contact_resolutions_total decides first contact when the resolution happens,
  the report when it is computed: a resolution that was first contact and later reopened stays
  counted, while the report (NO_HANDOFF) no longer counts it.
"""

import argparse
import datetime
import json
import os
import sys
import time
import urllib.parse
import urllib.request

import grpc

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import frontdesk_e2e as e2e  # noqa: E402  pylint: disable=wrong-import-position

RPC_TIMEOUT_S = 10
SETTLE_TIMEOUT_S = 60
SERVICE_CATALOG = ("mail", "vpn")
HOUR = datetime.timedelta(hours=1)


def load_metrics_stubs(stub_dir):
    """The MetricsService modules, imported after e2e.load_stubs put stub_dir on the path."""
    from frontdesk.v1 import metrics_pb2  # pylint: disable=import-outside-toplevel
    from frontdesk.v1 import metrics_service_pb2  # pylint: disable=import-outside-toplevel
    from frontdesk.v1 import metrics_service_pb2_grpc  # pylint: disable=import-outside-toplevel
    from frontdesk.v1 import sla_pb2  # pylint: disable=import-outside-toplevel

    class Metrics:
        """The generated metrics modules under short names."""

        kpi = metrics_pb2
        service = metrics_service_pb2
        grpc = metrics_service_pb2_grpc
        sla = sla_pb2

    del stub_dir
    return Metrics


# One interaction of the workload: channel, type, impact, urgency, service, department, the plan
# of what happens to it, how many seconds before now it was received, and the survey score.
# Impact and urgency give the priority: HIGH+HIGH critical, HIGH+MEDIUM high, MEDIUM+MEDIUM
# medium, LOW+MEDIUM low, LOW+LOW planning. Only PRIORITY_HIGH has an SLA clock.
#
# Plans (steps after "|" run once every create is at least 1.5 s old):
#   fcr        agent reply, resolve, survey               first contact
#   backfill   agent reply, then an earlier agent reply logged after the fact (a call noted
#              late), resolve, survey: the first response moves earlier
#   close      agent reply, resolve, close, survey        first contact
#   link       agent reply, link an incident, resolve     handed off: not first contact
#   escalate   agent reply, tier 2, resolve, survey       escalated: not first contact
#   noreply    resolve without an agent reply             not first contact
#   abandon    the user leaves before an answer
#   new        nothing: stays NEW
#   queued     put in a queue: QUEUED
#   progress   agent reply: IN_PROGRESS
#   hold       agent reply, hold: ON_HOLD
#   late       | agent reply after the 1 s target, resolve   response SLA breached
#   unanswered never answered, stays open                  response SLA breached while open
#   lateabandon| the user leaves after the target passed
#   reopen2    agent reply, resolve, reopen, | resolve again, survey
#   reopen1    agent reply, resolve, reopen: open again
PLANS = {
    "fcr": ["reply", "resolve", "survey"],
    "backfill": ["reply", "earlier_reply", "resolve", "survey"],
    "close": ["reply", "resolve", "close", "survey"],
    "link": ["reply", "link", "resolve", "survey"],
    "escalate": ["reply", "tier2", "resolve", "survey"],
    "noreply": ["resolve", "survey"],
    "abandon": ["abandon"],
    "new": [],
    "queued": ["queue"],
    "progress": ["reply"],
    "hold": ["reply", "hold"],
    "late": ["|", "reply", "resolve", "survey"],
    "unanswered": [],
    "lateabandon": ["|", "abandon"],
    "reopen2": ["reply", "resolve", "reopen", "|", "resolve", "survey"],
    "reopen1": ["reply", "resolve", "reopen"],
}

WORKLOAD = [
    # channel, type, impact, urgency, service, department, plan, seconds ago, score
    ("PHONE", "INCIDENT", "HIGH", "MEDIUM", "mail", "finance", "fcr", 0, 5),
    ("PHONE", "INCIDENT", "HIGH", "MEDIUM", "vpn", "finance", "late", 0, 2),
    ("PHONE", "INCIDENT", "HIGH", "MEDIUM", "vpn", "", "unanswered", 0, 0),
    ("PHONE", "SERVICE_REQUEST", "MEDIUM", "MEDIUM", "printing", "sales", "fcr", 40, 4),
    ("PHONE", "INFORMATION_REQUEST", "LOW", "MEDIUM", "", "", "fcr", 75, 3),
    ("PHONE", "INCIDENT", "HIGH", "HIGH", "mail", "it", "escalate", 20, 1),
    ("PHONE", "INCIDENT", "MEDIUM", "MEDIUM", "vpn", "sales", "abandon", 15, 0),
    ("PHONE", "COMPLAINT", "LOW", "LOW", "", "hr", "new", 5, 0),
    ("EMAIL", "SERVICE_REQUEST", "MEDIUM", "MEDIUM", "mail", "finance", "close", 300, 5),
    ("EMAIL", "INFORMATION_REQUEST", "LOW", "MEDIUM", "mail", "", "backfill", 600, 4),
    ("EMAIL", "INCIDENT", "HIGH", "MEDIUM", "printing", "it", "fcr", 0, 3),
    ("EMAIL", "INCIDENT", "MEDIUM", "MEDIUM", "vpn", "it", "link", 120, 2),
    ("EMAIL", "CHANGE_REQUEST", "LOW", "LOW", "", "", "queued", 30, 0),
    ("EMAIL", "SERVICE_REQUEST", "MEDIUM", "MEDIUM", "erp", "sales", "noreply", 200, 1),
    ("EMAIL", "INCIDENT", "HIGH", "MEDIUM", "mail", "sales", "late", 0, 4),
    ("EMAIL", "COMPLAINT", "MEDIUM", "MEDIUM", "mail", "hr", "reopen2", 90, 2),
    ("CHAT", "INCIDENT", "HIGH", "MEDIUM", "vpn", "it", "fcr", 0, 5),
    ("CHAT", "INFORMATION_REQUEST", "MEDIUM", "MEDIUM", "", "finance", "fcr", 10, 5),
    ("CHAT", "SERVICE_REQUEST", "LOW", "MEDIUM", "vpn", "", "abandon", 25, 0),
    ("CHAT", "INCIDENT", "MEDIUM", "MEDIUM", "printing", "sales", "progress", 45, 0),
    ("CHAT", "INCIDENT", "HIGH", "MEDIUM", "mail", "", "lateabandon", 0, 0),
    ("CHAT", "INCIDENT", "HIGH", "HIGH", "vpn", "it", "link", 35, 3),
    ("CHAT", "SERVICE_REQUEST", "MEDIUM", "MEDIUM", "mail", "hr", "hold", 60, 0),
    ("CHAT", "INFORMATION_REQUEST", "LOW", "LOW", "", "", "abandon", 8, 0),
    ("WEB_PORTAL", "SERVICE_REQUEST", "MEDIUM", "MEDIUM", "mail", "finance", "backfill", 900, 4),
    ("WEB_PORTAL", "CHANGE_REQUEST", "LOW", "MEDIUM", "erp", "it", "close", 1200, 3),
    ("WEB_PORTAL", "INCIDENT", "HIGH", "MEDIUM", "vpn", "sales", "fcr", 0, 1),
    ("WEB_PORTAL", "SERVICE_REQUEST", "MEDIUM", "MEDIUM", "", "", "reopen1", 150, 0),
    ("WEB_PORTAL", "INFORMATION_REQUEST", "LOW", "LOW", "printing", "hr", "new", 70, 0),
    ("WEB_PORTAL", "INCIDENT", "MEDIUM", "MEDIUM", "vpn", "it", "escalate", 400, 4),
    ("WALK_IN", "INCIDENT", "HIGH", "MEDIUM", "", "finance", "late", 0, 5),
    ("WALK_IN", "SERVICE_REQUEST", "MEDIUM", "MEDIUM", "mail", "", "fcr", 50, 2),
    ("WALK_IN", "COMPLAINT", "LOW", "MEDIUM", "vpn", "hr", "noreply", 20, 3),
    ("WALK_IN", "INFORMATION_REQUEST", "MEDIUM", "MEDIUM", "erp", "sales", "queued", 12, 0),
    ("MESSAGING", "INCIDENT", "HIGH", "MEDIUM", "vpn", "it", "unanswered", 0, 0),
    ("MESSAGING", "SERVICE_REQUEST", "MEDIUM", "MEDIUM", "mail", "finance", "fcr", 33, 3),
    ("MESSAGING", "INCIDENT", "HIGH", "HIGH", "", "it", "close", 18, 4),
    ("MESSAGING", "INFORMATION_REQUEST", "LOW", "LOW", "mail", "", "progress", 27, 0),
    ("MESSAGING", "INCIDENT", "MEDIUM", "MEDIUM", "vpn", "sales", "abandon", 9, 0),
    ("MESSAGING", "CHANGE_REQUEST", "MEDIUM", "MEDIUM", "printing", "it", "fcr", 140, 5),
]


class Desk:
    """Calls the two replicas in turn."""

    def __init__(self, api, metrics, channels):
        self.api = api
        self.metrics = metrics
        self.interactions = [api.grpc.InteractionServiceStub(c) for c in channels]
        self.metric_stubs = [metrics.grpc.MetricsServiceStub(c) for c in channels]
        self.calls = [0, 0]
        self.turn = 0

    def _next(self):
        index = self.turn % 2
        self.turn += 1
        self.calls[index] += 1
        return index

    def call(self, method, request):
        """One InteractionService call on the next replica."""
        stub = self.interactions[self._next()]
        return getattr(stub, method)(request, timeout=RPC_TIMEOUT_S, metadata=e2e.ACTOR_METADATA)

    def metrics_call(self, method, request, index=None):
        """One MetricsService call on the next replica, or on replica `index`."""
        stub = self.metric_stubs[self._next() if index is None else index]
        return getattr(stub, method)(request, timeout=RPC_TIMEOUT_S, metadata=e2e.ACTOR_METADATA)


def create_policy(desk):
    """The SLA policy: PRIORITY_HIGH must be answered within 1 second, resolved within 1 hour."""
    m, api = desk.metrics, desk.api
    target = m.sla.SlaTarget(priority=api.common.PRIORITY_HIGH)
    target.response_target_duration.FromSeconds(1)
    target.resolution_target_duration.FromSeconds(3600)
    policy = m.sla.SlaPolicy(display_name="e2e high priority", targets=[target],
                             evaluation_order=10)
    return desk.metrics_call("CreateSlaPolicy", m.service.CreateSlaPolicyRequest(
        sla_policy=policy, sla_policy_id="e2e-high", request_id=e2e.request_id()))


def create(desk, spec, index, now, hour_start):
    """Creates one interaction of the workload; returns its name."""
    api = desk.api
    channel, itype, impact, urgency, service, department, _plan, ago, _score = spec
    interaction = api.interaction.Interaction(
        channel=getattr(api.common, "CHANNEL_" + channel),
        type=getattr(api.common, "INTERACTION_TYPE_" + itype),
        impact=getattr(api.common, "IMPACT_" + impact),
        urgency=getattr(api.common, "URGENCY_" + urgency),
        service=service, department=department, subject=f"prometheus kpis {index}")
    if ago:
        # Received a little earlier, but within the current hour.
        received = max(now - datetime.timedelta(seconds=ago), hour_start)
        interaction.receive_time.FromDatetime(received)
    response = desk.call("CreateInteraction", api.service.CreateInteractionRequest(
        interaction=interaction, request_id=e2e.request_id()))
    return response.interaction


def step(desk, interaction, action, spec, tally):
    """Runs one step of a plan on `interaction` (as created)."""
    api = desk.api
    name = interaction.name
    rid = e2e.request_id()
    if action in ("reply", "earlier_reply"):
        communication = api.interaction.Communication(
            direction=api.interaction.COMMUNICATION_DIRECTION_OUTBOUND,
            author_kind=api.interaction.AUTHOR_KIND_AGENT, author="agents/e2e-agent",
            body="Looking into it.")
        if action == "earlier_reply":
            # Half-way between receipt and the reply logged before it.
            received = interaction.receive_time.ToDatetime(datetime.timezone.utc)
            now = datetime.datetime.now(datetime.timezone.utc)
            communication.occur_time.FromDatetime(received + (now - received) / 2)
        response = desk.call("LogCommunication", api.service.LogCommunicationRequest(
            name=name, communication=communication, request_id=rid))
        first = response.interaction.first_response_time.ToDatetime(datetime.timezone.utc)
        if name in tally["first_responses"]:
            moved = tally["first_responses"][name] - first
            tally["first_response_moved_s"] += moved.total_seconds()
        tally["first_responses"][name] = first
    elif action == "resolve":
        desk.call("ResolveInteraction", api.service.ResolveInteractionRequest(
            name=name, resolution_code="SOLVED", resolution_note="done", request_id=rid))
        tally["resolve_calls"] += 1
    elif action == "close":
        desk.call("CloseInteraction", api.service.CloseInteractionRequest(name=name,
                                                                          request_id=rid))
    elif action == "survey":
        desk.call("SubmitSatisfactionSurvey", api.service.SubmitSatisfactionSurveyRequest(
            name=name, survey=api.interaction.SatisfactionSurvey(score=spec[8]), request_id=rid))
        tally["surveys"] += 1
        tally["score_sum"] += spec[8]
    elif action == "link":
        link = api.interaction.DownstreamLink(
            record_type=api.interaction.DOWNSTREAM_RECORD_TYPE_INCIDENT, system="itsm",
            external_id=f"INC-{name.rsplit('/', 1)[-1][-8:]}")
        desk.call("LinkDownstreamRecord", api.service.LinkDownstreamRecordRequest(
            name=name, link=link, request_id=rid))
    elif action == "tier2":
        request = api.service.UpdateInteractionRequest(
            interaction=api.interaction.Interaction(name=name, tier=2), request_id=rid)
        request.update_mask.paths.append("tier")
        desk.call("UpdateInteraction", request)
    elif action == "queue":
        request = api.service.UpdateInteractionRequest(
            interaction=api.interaction.Interaction(name=name, queue="queues/e2e-first-line"),
            request_id=rid)
        request.update_mask.paths.append("queue")
        desk.call("UpdateInteraction", request)
    elif action == "hold":
        desk.call("HoldInteraction", api.service.HoldInteractionRequest(
            name=name, reason=api.interaction.HOLD_REASON_AWAITING_USER, request_id=rid))
    elif action == "reopen":
        desk.call("ReopenInteraction", api.service.ReopenInteractionRequest(
            name=name, reason="still broken", request_id=rid))
    elif action == "abandon":
        desk.call("AbandonInteraction", api.service.AbandonInteractionRequest(
            name=name, request_id=rid))
        tally["abandons"] += 1
    else:
        raise ValueError(f"unknown step {action}")


def run_workload(desk, checks):
    """Creates and works the interactions; returns (tally, earliest receive time)."""
    now = datetime.datetime.now(datetime.timezone.utc)
    hour_start = now.replace(minute=0, second=0, microsecond=0)
    tally = {"resolve_calls": 0, "surveys": 0, "score_sum": 0, "abandons": 0,
             "first_responses": {}, "first_response_moved_s": 0.0}
    created_list, later = [], []
    earliest = now
    for index, spec in enumerate(WORKLOAD):
        created = create(desk, spec, index, datetime.datetime.now(datetime.timezone.utc),
                         hour_start)
        created_list.append(created)
        earliest = min(earliest, created.receive_time.ToDatetime(datetime.timezone.utc))
        steps = PLANS[spec[6]]
        cut = steps.index("|") if "|" in steps else len(steps)
        for action in steps[:cut]:
            step(desk, created, action, spec, tally)
        later.append(steps[cut + 1:])
    checks.check(len(created_list) == len(WORKLOAD),
                 f"created {len(created_list)} interactions, received from {earliest.isoformat()}")
    # Every response clock of PRIORITY_HIGH still running now passes its 1-second target.
    time.sleep(1.6)
    for created, spec, steps in zip(created_list, WORKLOAD, later):
        for action in steps:
            step(desk, created, action, spec, tally)
    checks.check(min(desk.calls) > 0 and abs(desk.calls[0] - desk.calls[1]) <= 1,
                 f"calls alternated between the replicas ({desk.calls[0]} and {desk.calls[1]})")
    return tally, earliest


class Prometheus:
    """Instant queries over the HTTP API."""

    def __init__(self, url):
        self.url = url.rstrip("/")

    def vector(self, query):
        """The result vector as a list of (labels, value); raises on an error answer."""
        data = urllib.parse.urlencode({"query": query}).encode()
        with urllib.request.urlopen(f"{self.url}/api/v1/query", data, timeout=5) as response:
            answer = json.load(response)
        if answer.get("status") != "success":
            raise RuntimeError(f"{query}: {answer}")
        return [(r["metric"], float(r["value"][1])) for r in answer["data"]["result"]]

    def scalar(self, query):
        """The single value of `query`, 0 when it has no result."""
        result = self.vector(query)
        return result[0][1] if result else 0.0

    def by(self, query, label):
        """{label value: value} of a query aggregated by one label."""
        return {labels.get(label, ""): value for labels, value in self.vector(query)}


def duration_seconds(duration):
    return duration.seconds + duration.nanos / 1e9


def catalog_label(service):
    if not service:
        return "none"
    return service if service in SERVICE_CATALOG else "other"


def report_figures(desk, start, end):
    """The report's figures to compare, as a dict, with channel and service groupings."""
    m = desk.metrics
    figures = {}
    for dimension in ("total", "channel", "service"):
        request = m.service.GetKpiReportRequest()
        request.start_time.FromDatetime(start)
        request.end_time.FromDatetime(end)
        if dimension == "channel":
            request.group_by.append(m.kpi.KPI_DIMENSION_CHANNEL)
        elif dimension == "service":
            request.group_by.append(m.kpi.KPI_DIMENSION_SERVICE)
        report = desk.metrics_call("GetKpiReport", request)
        if dimension == "channel":
            figures["volume by channel"] = {
                g.group_key[0].value.removeprefix("CHANNEL_").lower(): float(g.volume)
                for g in report.groups}
            continue
        if dimension == "service":
            by_label = {}
            for g in report.groups:
                label = catalog_label(g.group_key[0].value)
                by_label[label] = by_label.get(label, 0.0) + g.volume
            figures["volume by service label"] = by_label
            continue
        total = report.total
        figures["received"] = float(total.volume)
        figures["abandoned"] = float(total.abandonment.abandoned_count)
        figures["resolved interactions"] = float(total.first_level_resolution.denominator)
        figures["first response count"] = float(total.first_response.count)
        figures["first response sum"] = duration_seconds(total.first_response.total_duration)
        figures["response SLA met"] = float(total.response_sla.met_count)
        figures["response SLA breached"] = float(total.response_sla.breached_count)
        figures["response SLA pending"] = float(total.response_sla.pending_count)
        figures["resolution SLA met"] = float(total.resolution_sla.met_count)
        figures["resolution SLA breached"] = float(total.resolution_sla.breached_count)
        figures["csat responses"] = float(total.csat.response_count)
        figures["csat score sum"] = float(total.csat.score_sum)
        figures["fcr numerator"] = float(total.first_contact_resolution.rate.numerator)
        figures["fcr method"] = total.first_contact_resolution.method
    return figures


def prometheus_figures(prom):
    """The same figures from PromQL over both replicas."""
    figures = {
        "received": prom.scalar("sum(frontdesk_interactions_received_total)"),
        "abandoned": prom.scalar("sum(frontdesk_interactions_abandoned_total)"),
        "resolutions": prom.scalar("sum(frontdesk_interactions_resolved_total)"),
        "first response count": prom.scalar("sum(frontdesk_first_response_seconds_count)"),
        "first response sum": prom.scalar("sum(frontdesk_first_response_seconds_sum)"),
        "response SLA met": prom.scalar('sum(frontdesk_sla_met_total{clock="response"})'),
        "response SLA breached": prom.scalar(
            'sum(frontdesk_sla_breached_total{clock="response"})'),
        "resolution SLA met": prom.scalar('sum(frontdesk_sla_met_total{clock="resolution"})'),
        "resolution SLA breached": prom.scalar(
            'sum(frontdesk_sla_breached_total{clock="resolution"})'),
        "csat responses": prom.scalar("sum(frontdesk_csat_responses_total)"),
        "first contact resolutions": prom.scalar(
            "sum(frontdesk_first_contact_resolutions_total)"),
        "open": prom.scalar(
            "sum(max by (state, channel, priority) (frontdesk_open_interactions))"),
        "projection lag": prom.scalar("max(frontdesk_kpi_projection_lag_changes)"),
        "volume by channel": prom.by(
            "sum by (channel) (frontdesk_interactions_received_total)", "channel"),
        "volume by service label": prom.by(
            "sum by (service) (frontdesk_interactions_received_total)", "service"),
        "received by instance": prom.by(
            "sum by (instance) (frontdesk_interactions_received_total)", "instance"),
        "service labels": sorted(prom.by(
            'count by (service) ({__name__=~"frontdesk_.+", service!=""})', "service")),
    }
    by_score = prom.by("sum by (score) (frontdesk_csat_responses_total)", "score")
    figures["csat score sum"] = sum(int(score) * count for score, count in by_score.items())
    return figures


def comparisons(report, prom, open_count, implied, moved_s):
    """(description, PromQL value, expected value, tolerance) for every check."""
    reopened_twice = implied["reopened twice"]
    reopened_open = implied["reopened and open"]
    fcr_then_reopened = implied["fcr then reopened"]
    return [
        ("sum(frontdesk_interactions_received_total) == total.volume",
         prom["received"], report["received"], 0),
        ("sum by (channel) (frontdesk_interactions_received_total) == volumes grouped by "
         "KPI_DIMENSION_CHANNEL", prom["volume by channel"], report["volume by channel"], 0),
        ("sum by (service) (frontdesk_interactions_received_total) == volumes grouped by "
         "KPI_DIMENSION_SERVICE, mapped to mail/vpn/other/none",
         prom["volume by service label"], report["volume by service label"], 0),
        ("sum(frontdesk_interactions_abandoned_total) == abandonment.abandoned_count",
         prom["abandoned"], report["abandoned"], 0),
        (f"sum(frontdesk_interactions_resolved_total) == first_level_resolution.denominator "
         f"+ {reopened_twice} second resolution(s) of reopened interactions "
         f"+ {reopened_open} resolution(s) of interactions reopened and open again",
         prom["resolutions"], report["resolved interactions"] + reopened_twice + reopened_open, 0),
        ("sum(frontdesk_first_response_seconds_count) == first_response.count",
         prom["first response count"], report["first response count"], 0),
        (f"sum(frontdesk_first_response_seconds_sum) == first_response.total_duration "
         f"+ {moved_s:.3f} s by which back-dated replies moved first responses earlier "
         f"(within 0.01 s)", prom["first response sum"],
         report["first response sum"] + moved_s, 0.01),
        ('sum(frontdesk_sla_breached_total{clock="response"}) == response_sla.breached_count',
         prom["response SLA breached"], report["response SLA breached"], 0),
        ('sum(frontdesk_sla_met_total{clock="response"}) == response_sla.met_count',
         prom["response SLA met"], report["response SLA met"], 0),
        ('sum(frontdesk_sla_met_total{clock="resolution"}) == resolution_sla.met_count',
         prom["resolution SLA met"], report["resolution SLA met"], 0),
        ('sum(frontdesk_sla_breached_total{clock="resolution"}) == '
         "resolution_sla.breached_count",
         prom["resolution SLA breached"], report["resolution SLA breached"], 0),
        ("sum(frontdesk_csat_responses_total) == csat.response_count",
         prom["csat responses"], report["csat responses"], 0),
        ("sum(score * frontdesk_csat_responses_total) == csat.score_sum",
         prom["csat score sum"], report["csat score sum"], 0),
        (f"sum(frontdesk_first_contact_resolutions_total) == NO_HANDOFF FCR numerator "
         f"+ {fcr_then_reopened} first-contact resolution(s) reopened afterwards",
         prom["first contact resolutions"], report["fcr numerator"] + fcr_then_reopened, 0),
        ("sum(max by (state, channel, priority) (frontdesk_open_interactions)) == open "
         "interactions listed", prom["open"], float(open_count), 0),
    ]


def agrees(got, expected, tolerance):
    if isinstance(expected, dict):
        keys = set(got) | set(expected)
        return all(abs(got.get(k, 0.0) - expected.get(k, 0.0)) <= tolerance for k in keys)
    return abs(got - expected) <= tolerance + 1e-9


def count_open(desk):
    api = desk.api
    request = api.service.ListInteractionsRequest(
        page_size=1000,
        filter="state = NEW OR state = QUEUED OR state = IN_PROGRESS OR state = ON_HOLD")
    return len(desk.call("ListInteractions", request).interactions)


def expected_from_workload():
    """What the workload itself implies, to check the report before comparing with it."""
    plans = [spec[6] for spec in WORKLOAD]
    open_plans = {"new", "queued", "progress", "hold", "unanswered", "reopen1"}
    return {
        "received": len(WORKLOAD),
        "abandoned": sum(p in ("abandon", "lateabandon") for p in plans),
        "open": sum(p in open_plans for p in plans),
        # reopen2 is resolved twice; reopen2 and reopen1 were first contact when resolved.
        "reopened twice": plans.count("reopen2"),
        "reopened and open": plans.count("reopen1"),
        "fcr then reopened": plans.count("reopen2") + plans.count("reopen1"),
    }


def run(args, checks):
    """The scenario."""
    api = e2e.load_stubs(args.stubs)
    metrics = load_metrics_stubs(args.stubs)
    channels = [grpc.insecure_channel(address) for address in (args.a, args.b)]
    for name, channel in zip("AB", channels):
        grpc.channel_ready_future(channel).result(timeout=RPC_TIMEOUT_S)
        checks.check(True, f"connected to replica {name}")
    desk = Desk(api, metrics, channels)
    prom = Prometheus(args.prometheus)

    policy = create_policy(desk)
    checks.check(policy.name == "slaPolicies/e2e-high",
                 f"created SLA policy {policy.name}: PRIORITY_HIGH response within 1 s")
    tally, earliest = run_workload(desk, checks)
    implied = expected_from_workload()

    start = earliest.replace(minute=0, second=0, microsecond=0)
    settle_deadline = time.monotonic() + SETTLE_TIMEOUT_S
    attempts = 0
    while True:
        attempts += 1
        # The report covers whole UTC hours from the hour of the earliest receipt through the
        # current one: one hour unless the workload straddled an hour boundary.
        end = datetime.datetime.now(datetime.timezone.utc).replace(
            minute=0, second=0, microsecond=0) + HOUR
        report = report_figures(desk, start, end)
        open_count = count_open(desk)
        scraped = prometheus_figures(prom)
        rows = comparisons(report, scraped, open_count, implied,
                           tally["first_response_moved_s"])
        settled = scraped["projection lag"] == 0 and all(agrees(*row[1:]) for row in rows)
        if settled or time.monotonic() >= settle_deadline or attempts >= SETTLE_TIMEOUT_S * 2:
            break
        time.sleep(1)
    print(f"  .. compared after {attempts} attempt(s); report over [{start.isoformat()}, "
          f"{end.isoformat()}); received by instance {scraped['received by instance']}",
          flush=True)

    # The report against what the workload did, so that a wrong report cannot pass unnoticed.
    checks.check(report["received"] == implied["received"],
                 f"report volume {report['received']:.0f} == {implied['received']} created")
    checks.check(report["abandoned"] == tally["abandons"] == implied["abandoned"],
                 f"report abandoned {report['abandoned']:.0f} == {tally['abandons']} abandons")
    checks.check(open_count == implied["open"],
                 f"{open_count} interactions listed open == {implied['open']} left open")
    checks.check(report["csat score sum"] == tally["score_sum"] and
                 report["csat responses"] == tally["surveys"],
                 f"report CSAT {report['csat responses']:.0f} responses, sum "
                 f"{report['csat score sum']:.0f} == {tally['surveys']} surveys, sum "
                 f"{tally['score_sum']}")
    checks.check(report["fcr method"] == metrics.kpi.FCR_METHOD_NO_HANDOFF,
                 "the report uses the default FCR method NO_HANDOFF")
    checks.check(report["response SLA breached"] >= 5 and report["response SLA met"] >= 4,
                 f"the workload both met ({report['response SLA met']:.0f}) and breached "
                 f"({report['response SLA breached']:.0f}) 1-second response targets, "
                 f"{report['response SLA pending']:.0f} pending")
    checks.check(tally["first_response_moved_s"] > 0,
                 f"back-dated replies moved first responses earlier by "
                 f"{tally['first_response_moved_s']:.3f} s in all")
    checks.check(scraped["resolutions"] == tally["resolve_calls"],
                 f"sum(frontdesk_interactions_resolved_total) {scraped['resolutions']:.0f} == "
                 f"{tally['resolve_calls']} ResolveInteraction calls")

    for description, got, expected, tolerance in rows:
        checks.check(agrees(got, expected, tolerance),
                     f"{description}: PromQL {fmt(got)}, expected {fmt(expected)}")
    checks.check(set(scraped["service labels"]) == {"mail", "vpn", "other", "none"},
                 f"service label values are exactly mail, vpn, other, none "
                 f"({scraped['service labels']})")
    checks.check(scraped["projection lag"] == 0,
                 f"max(frontdesk_kpi_projection_lag_changes) == 0 ({scraped['projection lag']})")
    for channel in channels:
        channel.close()


def fmt(value):
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v:g}" for k, v in sorted(value.items())) + "}"
    return f"{value:g}"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--a", required=True, help="replica A, host:port")
    parser.add_argument("--b", required=True, help="replica B, host:port")
    parser.add_argument("--prometheus", required=True, help="Prometheus base URL")
    parser.add_argument("--stubs", required=True, help="directory of generated Python stubs")
    args = parser.parse_args()
    checks = e2e.Checks()
    try:
        run(args, checks)
    except grpc.RpcError as error:
        checks.check(False, f"RPC failed: {error.code().name}: {error.details()}")
    except grpc.FutureTimeoutError:
        checks.check(False, "could not connect within the timeout")
    except (OSError, RuntimeError, ValueError) as error:
        checks.check(False, f"Prometheus query failed: {error}")
    return checks.exit_code()


if __name__ == "__main__":
    sys.exit(main())
