"""Every clinic page and API answer carries the security headers and is never cached, and the
session cookie is HttpOnly and SameSite=Lax."""

from __future__ import annotations

from tests.clinic.conftest import Client, World

# Every GET route of the clinic (FastAPI keeps included routers nested, so they are listed).
PATIENT_GETS = ["/account", "/account/password", "/account/delete", "/my/diary", "/my/report", "/my/report.pdf",
                "/my/audit", "/my/export", "/sharing", "/api/v1/me", "/api/v1/me/export", "/api/v1/me/entries",
                "/api/v1/me/shares", "/api/v1/me/audit"]
CLINICIAN_GETS = ["/clinician", "/clinician/patients/{patient_id}", "/clinician/patients/{patient_id}/report",
                  "/clinician/patients/{patient_id}/report.pdf", "/api/v1/clinician/patients",
                  "/api/v1/clinician/patients/{patient_id}/diary", "/api/v1/clinician/patients/{patient_id}/assessments",
                  "/api/v1/clinician/patients/{patient_id}/report"]


def test_every_clinic_get_route_is_no_store_with_the_security_headers(world: World) -> None:
    for path in PATIENT_GETS + CLINICIAN_GETS:
        url = path.replace("{patient_id}", str(world.id("alice")))
        who = "bob" if path in CLINICIAN_GETS else "alice"
        client = world.client(who)
        answer = client.api("GET", url) if path.startswith("/api/") else client.get(url)
        assert answer.status_code == 200, (path, answer.text[:200])
        assert answer.headers["cache-control"] == "no-store", path
        assert answer.headers["x-content-type-options"] == "nosniff", path
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"], path
        assert answer.headers["referrer-policy"] == "no-referrer", path


def test_the_session_cookie_is_http_only_and_same_site_lax(world: World) -> None:
    answer = Client(world.app).log_in("alice@example.org")
    cookie = next(v for k, v in answer.headers.multi_items() if k == "set-cookie" and v.startswith("br_session="))
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Max-Age" not in cookie and "expires" not in cookie.lower()


def test_the_report_page_allows_exactly_its_own_inline_styles(world: World) -> None:
    import base64
    import hashlib
    import re

    answer = world.client("alice").get("/my/report")
    policy = answer.headers["content-security-policy"]
    style = re.search(r"<style[^>]*>(.*?)</style>", answer.text, flags=re.S)
    assert style is not None
    digest = base64.b64encode(hashlib.sha256(style.group(1).encode()).digest()).decode()
    assert f"style-src 'self' 'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy
    assert len([k for k, _ in answer.headers.multi_items() if k == "content-security-policy"]) == 1


def test_other_pages_keep_the_site_policy_without_style_hashes(world: World) -> None:
    policy = world.client("alice").get("/my/diary").headers["content-security-policy"]
    assert "style-src 'self';" in policy


def test_the_header_links_to_the_clinic_pages_in_clinic_mode(world: World) -> None:
    page = Client(world.app).get("/account/login").text
    assert 'href="/my/diary"' in page
    assert 'href="/account/login"' in page
    assert 'href="/export"' not in page
