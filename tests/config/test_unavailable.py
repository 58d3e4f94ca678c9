from django.db import OperationalError

from web import caching


def test_a_database_that_cannot_be_reached_is_a_503_with_retry_after(client, db, monkeypatch):
    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr(caching, "data_version", unreachable)
    response = client.get("/people/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "try again" in response.content.decode()
    assert "Traceback" not in response.content.decode()
