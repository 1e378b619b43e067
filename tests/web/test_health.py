"""`GET /health`: the operators' check, read on the serving thread's own database connection."""

import json
import threading
from unittest.mock import patch

import pytest
from django.conf import settings
from django.db import DatabaseError, connection
from django.test import RequestFactory

from web.website.views.health import durability, health

pytestmark = pytest.mark.db_both


def test_health_reports_the_server_and_this_connections_durability(db, client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    assert json.loads(response.content) == {
        "status": "ok",
        "server": "Second Chances",
        **durability(connection),
    }


def test_a_fresh_thread_connection_is_durable(db):
    """
    Web views run in a thread pool: a thread's new connection gets synchronous=NORMAL (1) on
    SQLite; PostgreSQL's commits wait for the disk.
    """
    answers = []

    def serve():
        # the view alone: the middleware would write a session, blocked by the test's transaction
        try:
            answers.append(json.loads(health(RequestFactory().get("/health")).content))
        finally:
            connection.close()  # this thread's own connection

    thread = threading.Thread(target=serve)
    thread.start()
    thread.join(30)
    # the test database lives in memory, so its journal is "memory"; a file database is in
    # WAL mode (checked against a real server in test_browser.py)
    assert answers and answers[0]["status"] == "ok"
    if connection.vendor == "sqlite":
        assert answers[0]["sqlite"]["synchronous"] == 1
    else:
        assert answers[0]["postgresql"]["synchronous_commit"] == "on"


def test_health_leaks_nothing_but_its_three_fields(db, client):
    text = client.get("/health").content.decode()
    assert set(json.loads(text)) == {"status", "server", connection.vendor}
    assert settings.SECRET_KEY not in text
    assert str(settings.DATABASES["default"]["NAME"]) not in text and "/" not in text


def test_a_database_that_does_not_answer_gives_503_without_details(db, client):
    with patch("web.website.views.health.durability", side_effect=DatabaseError("disk I/O error at /srv")):
        response = client.get("/health")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "error", "server": "Second Chances"}


def test_health_answers_head_but_not_post(db, client):
    assert client.head("/health").status_code == 200
    assert client.post("/health").status_code == 405
