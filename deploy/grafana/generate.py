#!/usr/bin/env python3
"""Writes Lurker's Grafana dashboards (JSON model, Prometheus data source chosen at import).
Run from this folder after changing a panel: python3 generate.py. The JSON files are what
Grafana imports; GrafanaDashboardsTest checks that every lurker_* metric they use is exposed
by some service's code."""
import json

def panel(pid, title, exprs, x, y, unit="short", w=12, h=8, kind="timeseries", desc=""):
    return {
        "id": pid, "type": kind, "title": title, "description": desc,
        "datasource": {"type": "prometheus", "uid": "${datasource}"},
        "gridPos": {"x": x, "y": y, "w": w, "h": h},
        "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
        "options": {"legend": {"displayMode": "list", "placement": "bottom"}} if kind == "timeseries" else {},
        "targets": [{"refId": chr(65 + i), "expr": e, "legendFormat": l,
                     "datasource": {"type": "prometheus", "uid": "${datasource}"}} for i, (e, l) in enumerate(exprs)],
    }

def dashboard(uid, title, desc, panels):
    return {
        "uid": uid, "title": title, "description": desc, "tags": ["lurker"], "timezone": "utc",
        "schemaVersion": 39, "version": 1, "editable": True, "refresh": "30s",
        "time": {"from": "now-6h", "to": "now"},
        "templating": {"list": [{"name": "datasource", "label": "Prometheus", "type": "datasource",
                                 "query": "prometheus", "current": {}, "hide": 0}]},
        "panels": panels,
    }

def layout(specs):
    out = []
    for i, s in enumerate(specs):
        out.append(panel(i + 1, s[0], s[1], (i % 2) * 12, (i // 2) * 8, *s[2:]))
    return out

dashboards = {
    "lurker-ingest.json": dashboard("lurker-ingest", "Lurker — ingest rate",
        "Chat taken in by chat-ingest and published to RabbitMQ; HTTP traffic of every service.", layout([
        ("Chat messages per second (all channels)", [("sum(rate(lurker_chat_messages_total[1m]))", "messages/s")], "short"),
        ("Top 10 channels by chat messages per second", [("topk(10, sum by (channel) (rate(lurker_chat_messages_total[1m])))", "{{channel}}")], "short"),
        ("Chat events per second by kind", [("sum by (kind) (rate(lurker_chat_events_total[1m]))", "{{kind}}")], "short"),
        ("Unparsed and ignored lines per second", [("sum by (reason) (rate(lurker_chat_unparsed_total[5m]))", "unparsed {{reason}}"),
                                                    ("sum by (command) (rate(lurker_chat_ignored_total[5m]))", "ignored {{command}}")], "short"),
        ("Records confirmed by the broker vs spooled, per second", [("sum(rate(lurker_chat_published_records_total[1m]))", "confirmed"),
                                                                    ("sum(rate(lurker_chat_spooled_records_total[1m]))", "spooled")], "short"),
        ("HTTP requests per second by service and status", [("sum by (job, status) (rate(http_server_requests_seconds_count[1m]))", "{{job}} {{status}}")], "reqps"),
    ])),
    "lurker-lag.json": dashboard("lurker-lag", "Lurker — lag",
        "How far behind each stage is: chat not yet confirmed by the broker, the spool, and the analytics queues "
        "(RabbitMQ's Prometheus plugin, detailed queue metrics).", layout([
        ("Chat batch close → broker confirm (p50/p95/p99)", [
            ("histogram_quantile(0.5, sum by (le) (rate(lurker_chat_publish_latency_seconds_bucket{replayed=\"false\"}[5m])))", "p50"),
            ("histogram_quantile(0.95, sum by (le) (rate(lurker_chat_publish_latency_seconds_bucket{replayed=\"false\"}[5m])))", "p95"),
            ("histogram_quantile(0.99, sum by (le) (rate(lurker_chat_publish_latency_seconds_bucket{replayed=\"false\"}[5m])))", "p99")], "s"),
        ("Chat accepted, not yet confirmed (records)", [("sum by (instance) (lurker_chat_buffer_records)", "{{instance}}")], "short"),
        ("Spool waiting for the broker", [("sum(lurker_chat_spool_batches)", "batches"), ("sum(lurker_chat_spool_bytes)", "bytes")], "short"),
        ("chat-ingest replicas connected to the broker", [("sum(lurker_chat_broker_connected)", "connected"),
                                                           ("count(lurker_chat_broker_connected)", "replicas")], "short"),
        ("analytics queues: messages ready", [("sum by (queue) (rabbitmq_detailed_queue_messages_ready{queue=~\"analytics\\\\..*\"})", "{{queue}}")], "short"),
        ("analytics queues: unacknowledged, and dead letters", [
            ("sum by (queue) (rabbitmq_detailed_queue_messages_unacked{queue=~\"analytics\\\\..*\"})", "unacked {{queue}}"),
            ("sum by (queue) (rabbitmq_detailed_queue_messages_ready{queue=~\".*\\\\.dlq\"})", "dead {{queue}}")], "short"),
    ])),
    "lurker-rate-limits.json": dashboard("lurker-rate-limits", "Lurker — Twitch tokens and rate limits",
        "The token pool shared by every gateway replica (auth-service's view of Redis): token health, points left per bucket, lease waits.", layout([
        ("Twitch tokens by kind and state", [("sum by (kind, state) (lurker_auth_tokens)", "{{kind}} {{state}}")], "short"),
        ("Points left per bucket (of its limit)", [("max by (bucket) (lurker_token_pool_bucket_points_left)", "{{bucket}} left"),
                                                   ("max by (bucket) (lurker_token_pool_bucket_limit)", "{{bucket}} limit")], "short"),
        ("Points leased per second, by bucket", [("sum by (bucket) (rate(lurker_token_pool_bucket_leased[5m]))", "{{bucket}}")], "short"),
        ("429 answers from Twitch per hour, by bucket", [("sum by (bucket) (increase(lurker_token_pool_bucket_throttled[1h]))", "{{bucket}}")], "short"),
        ("Leases that waited, and lease timeouts, per minute", [("sum by (kind) (rate(lurker_token_pool_lease_waits[5m])) * 60", "waited {{kind}}"),
                                                                 ("sum by (kind) (rate(lurker_token_pool_lease_timeouts[5m])) * 60", "timed out {{kind}}")], "short"),
        ("helix-gateway: time waiting for a lease (per replica)", [("max by (instance) (lurker_helix_lease_wait_seconds{quantile=\"0.5\"})", "p50 {{instance}}"),
                                                                   ("max by (instance) (lurker_helix_lease_wait_seconds{quantile=\"0.99\"})", "p99 {{instance}}")], "s"),
    ])),
    "lurker-collectors.json": dashboard("lurker-collectors", "Lurker — collector freshness",
        "helix-gateway's collectors: how long since each last succeeded, and the Helix calls they make.", layout([
        ("Seconds since each collector's last success (any replica)", [("time() - max by (collector) (lurker_helix_collector_last_success)", "{{collector}}")], "s"),
        ("Helix requests per second by status", [("sum by (status) (rate(lurker_helix_upstream_requests_total[5m]))", "{{status}}")], "short"),
        ("Helix requests per second by endpoint", [("sum by (endpoint) (rate(lurker_helix_upstream_requests_total[5m]))", "{{endpoint}}")], "short"),
    ])),
    "lurker-tokens.json": dashboard("lurker-tokens", "Lurker — tokens",
        "Client-Integrity tokens captured by integrity-service with Chromium (GraphQL features).", layout([
        ("Age of the current integrity token", [("max(lurker_integrity_token_age_seconds)", "age")], "s"),
        ("Integrity captures and failures per hour", [("sum(increase(lurker_integrity_captures_total[1h]))", "captured"),
                                                      ("sum(increase(lurker_integrity_capture_failures_total[1h]))", "failed")], "short"),
        ("Integrity capture duration (mean, max)", [("sum(rate(lurker_integrity_capture_duration_seconds_sum[1h])) / sum(rate(lurker_integrity_capture_duration_seconds_count[1h]))", "mean"),
                                              ("max(lurker_integrity_capture_duration_seconds_max)", "max")], "s"),
    ])),
}

for name, d in dashboards.items():
    with open(name, "w") as f:
        json.dump(d, f, indent=2, ensure_ascii=False)
        f.write("\n")
print("wrote", ", ".join(dashboards))
