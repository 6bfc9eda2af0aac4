"""Spaces, folders and documents: who sees and does what, inheritance and overrides, lists and the trash."""

from __future__ import annotations

from typing import Any

import pytest

from officium.core.models import AuditEvent
from officium.documents import selectors, services
from officium.documents.events import DocumentShared
from officium.documents.models import Document, Folder, Grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def rd_space(people: dict[str, Any], org_tree: dict[str, Any]) -> Any:
    return services.space_create(
        actor=people["admin"], kind="department", name="研发文档", department_id=org_tree["rd"].pk
    )


@pytest.fixture
def salesperson(make_employee: Any, org_tree: dict[str, Any]) -> Any:
    return make_employee("赵敏", org_tree["sales"], username="sales").user


def test_a_department_space_lets_members_and_sub_departments_edit_and_hides_from_others(
    people: dict[str, Any], rd_space: Any, salesperson: Any, api_for: Any
) -> None:
    response = api_for(people["employee"]).post("documents", {"space_id": str(rd_space.pk), "title": "设计稿"})
    assert response.status_code == 201
    assert response.json()["my_level"] == "manage"  # the creator manages what they created
    document_id = response.json()["id"]

    seen_by_manager = api_for(people["manager"]).get(f"documents/{document_id}")
    assert (seen_by_manager.status_code, seen_by_manager.json()["my_level"]) == (200, "edit")
    outsider = api_for(salesperson)
    assert outsider.get(f"documents/{document_id}").json()["code"] == "document_not_found"
    assert outsider.get(f"documents/spaces/{rd_space.pk}/items").status_code == 404
    assert str(rd_space.pk) not in {space["id"] for space in outsider.get("documents/spaces").json()}


def test_a_company_space_is_read_by_everyone_and_written_by_its_managers(people: dict[str, Any], api_for: Any) -> None:
    created = api_for(people["admin"]).post("documents/spaces", {"kind": "company", "name": "公司制度"})
    assert created.status_code == 201
    space_id = created.json()["id"]
    employee = api_for(people["employee"])
    spaces = {space["id"]: space["my_level"] for space in employee.get("documents/spaces").json()}
    assert spaces[space_id] == "view"
    refused = employee.post("documents", {"space_id": space_id, "title": "我的制度"})
    assert (refused.status_code, refused.json()["code"]) == (403, "document_permission_denied")
    assert not Document.objects.filter(space_id=space_id).exists()
    assert api_for(people["admin"]).post("documents", {"space_id": space_id, "title": "考勤制度"}).status_code == 201


def test_a_folder_grant_overrides_the_space_and_a_document_grant_overrides_the_folder(
    people: dict[str, Any], org_tree: dict[str, Any], rd_space: Any
) -> None:
    manager, employee = people["manager"], people["employee"]
    secret = services.folder_create(actor=people["admin"], space_id=rd_space.pk, name="薪酬")
    inner = services.folder_create(actor=people["admin"], space_id=rd_space.pk, name="2026", parent_id=secret.pk)
    services.grant_set(
        actor=people["admin"],
        target="folder",
        target_id=secret.pk,
        principal="department",
        principal_id=org_tree["fe"].pk,
        level="none",
    )
    hidden = services.document_create(actor=people["admin"], space_id=rd_space.pk, folder_id=inner.pk, title="调薪")
    shown = services.document_create(actor=people["admin"], space_id=rd_space.pk, folder_id=inner.pk, title="流程")
    services.grant_set(
        actor=people["admin"],
        target="document",
        target_id=shown.pk,
        principal="user",
        principal_id=employee.pk,
        level="view",
    )

    from officium.documents.permissions import Access

    assert Access(manager).document_level(Document.objects.get(pk=hidden.pk)) == "edit"  # rd, not fe
    assert Access(employee).document_level(Document.objects.get(pk=hidden.pk)) == "none"  # inherited override
    assert Access(employee).document_level(Document.objects.get(pk=shown.pk)) == "view"  # nearer grant wins
    with pytest.raises(selectors.DocumentNotFound):
        selectors.document(actor=employee, document_id=hidden.pk)
    with pytest.raises(selectors.FolderNotFound):
        selectors.folder(actor=employee, folder_id=inner.pk)
    assert [seen.document.pk for seen in selectors.shared_with_me_seen(actor=employee)] == [shown.pk]


def test_sharing_a_personal_document_shows_it_to_that_person_only_and_is_audited(
    people: dict[str, Any], api_for: Any, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    published: list[Any] = []
    real_publish = services.publish
    monkeypatch.setattr(services, "publish", lambda event: (published.append(event), real_publish(event)))
    owner, colleague = api_for(people["employee"]), api_for(people["employee_b"])
    space_id = owner.get("documents/spaces").json()[0]["id"]
    document_id = owner.post("documents", {"space_id": space_id, "title": "周报"}).json()["id"]
    assert colleague.get(f"documents/{document_id}").status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        shared = owner.post(
            "documents/grants",
            {
                "target": "document",
                "target_id": document_id,
                "principal": "user",
                "principal_id": str(people["employee_b"].pk),
                "level": "view",
            },
        )
    assert shared.status_code == 200
    assert shared.json()["principal_name"] == "王芳"
    assert [item["id"] for item in colleague.get("documents/shared").json()["items"]] == [document_id]
    assert colleague.get(f"documents/{document_id}").json()["my_level"] == "view"
    assert api_for(people["manager"]).get(f"documents/{document_id}").status_code == 404
    refused = colleague.patch(f"documents/{document_id}", {"title": "改了"})
    assert (refused.status_code, refused.json()["code"]) == (403, "document_permission_denied")
    assert Document.objects.get(pk=document_id).title == "周报"
    shares = [event for event in published if isinstance(event, DocumentShared)]
    assert [(e.target, str(e.target_id), e.principal, e.level) for e in shares] == [
        ("document", document_id, "user", "view")
    ]
    assert AuditEvent.objects.filter(action="documents.grant.set", actor=people["employee"]).count() == 1
    assert colleague.get("documents/grants", target="document", target_id=document_id).status_code == 403


def test_trash_restore_and_purge(people: dict[str, Any], api_for: Any) -> None:
    owner = api_for(people["employee"])
    space_id = owner.get("documents/spaces").json()[0]["id"]
    document_id = owner.post("documents", {"space_id": space_id, "title": "草稿"}).json()["id"]

    assert owner.delete(f"documents/{document_id}").status_code == 204
    assert owner.get(f"documents/{document_id}").status_code == 404
    assert owner.get("documents/mine").json()["items"] == []
    assert [d["id"] for d in owner.get("documents/trash").json()["documents"]] == [document_id]

    restored = owner.post(f"documents/{document_id}/restore")
    assert (restored.status_code, restored.json()["trashed_at"]) == (200, None)
    assert [d["id"] for d in owner.get("documents/mine").json()["items"]] == [document_id]
    assert owner.delete(f"documents/{document_id}/purge").status_code == 404  # only from the trash

    owner.delete(f"documents/{document_id}")
    assert owner.delete(f"documents/{document_id}/purge").status_code == 204
    assert not Document.objects.filter(pk=document_id).exists()
    actions = list(AuditEvent.objects.filter(object_id=document_id).order_by("id").values_list("action", flat=True))
    assert actions == [
        "documents.document.create",
        "documents.document.trash",
        "documents.document.restore",
        "documents.document.trash",
        "documents.document.purge",
    ]


def test_an_editor_who_does_not_manage_cannot_trash(people: dict[str, Any], rd_space: Any, api_for: Any) -> None:
    document = services.document_create(actor=people["admin"], space_id=rd_space.pk, title="需求")
    refused = api_for(people["employee"]).delete(f"documents/{document.pk}")
    assert (refused.status_code, refused.json()["code"]) == (403, "document_permission_denied")
    assert Document.objects.get(pk=document.pk).trashed_at is None


def test_a_trashed_folder_hides_what_is_inside_until_restored(people: dict[str, Any], api_for: Any) -> None:
    owner = api_for(people["employee"])
    space_id = owner.get("documents/spaces").json()[0]["id"]
    folder_id = owner.post("documents/folders", {"space_id": space_id, "name": "项目"}).json()["id"]
    inner_id = owner.post("documents/folders", {"space_id": space_id, "name": "一期", "parent_id": folder_id}).json()[
        "id"
    ]
    document_id = owner.post("documents", {"space_id": space_id, "folder_id": inner_id, "title": "计划"}).json()["id"]

    assert owner.delete(f"documents/folders/{folder_id}").status_code == 204
    assert owner.get(f"documents/{document_id}").status_code == 404
    assert owner.get(f"documents/spaces/{space_id}/items").json()["folders"] == []
    assert [f["id"] for f in owner.get("documents/trash").json()["folders"]] == [folder_id]
    assert owner.post(f"documents/folders/{inner_id}/restore").json()["code"] == "parent_in_trash"

    assert owner.post(f"documents/folders/{folder_id}/restore").status_code == 200
    items = owner.get(f"documents/spaces/{space_id}/items", folder_id=inner_id).json()
    assert [c["name"] for c in items["path"]] == ["项目", "一期"]
    assert [d["id"] for d in items["documents"]] == [document_id]

    owner.delete(f"documents/folders/{folder_id}")
    assert owner.delete(f"documents/folders/{folder_id}/purge").status_code == 204
    assert not Folder.objects.filter(pk__in=[folder_id, inner_id]).exists()
    assert not Document.objects.filter(pk=document_id).exists()


def test_moving_a_folder_moves_its_subtree_and_refuses_a_cycle(people: dict[str, Any], api_for: Any) -> None:
    owner = api_for(people["employee"])
    space_id = owner.get("documents/spaces").json()[0]["id"]
    a = owner.post("documents/folders", {"space_id": space_id, "name": "A"}).json()["id"]
    b = owner.post("documents/folders", {"space_id": space_id, "name": "B", "parent_id": a}).json()["id"]
    c = owner.post("documents/folders", {"space_id": space_id, "name": "C"}).json()["id"]
    cycle = owner.patch(f"documents/folders/{a}", {"parent_id": b})
    assert (cycle.status_code, cycle.json()["code"]) == (422, "folder_move_cycle")
    assert owner.patch(f"documents/folders/{a}", {"parent_id": c}).status_code == 200
    assert Folder.objects.get(pk=b).path == f"/{c.replace('-', '')}/{a.replace('-', '')}/{b.replace('-', '')}/"


def test_recent_and_starred(people: dict[str, Any], api_for: Any) -> None:
    owner = api_for(people["employee"])
    space_id = owner.get("documents/spaces").json()[0]["id"]
    first = owner.post("documents", {"space_id": space_id, "title": "一"}).json()["id"]
    second = owner.post("documents", {"space_id": space_id, "title": "二"}).json()["id"]
    services.document_visit(user=people["employee"], document_id=first)
    services.document_visit(user=people["employee"], document_id=second)
    services.document_visit(user=people["employee"], document_id=first)
    assert [d["id"] for d in owner.get("documents/recent").json()["items"]] == [first, second]

    assert owner.put(f"documents/{second}/star").status_code == 204
    assert owner.put(f"documents/{second}/star").status_code == 204  # idempotent
    starred = owner.get("documents/starred").json()["items"]
    assert [(d["id"], d["starred"]) for d in starred] == [(second, True)]
    assert owner.delete(f"documents/{second}/star").status_code == 204
    assert owner.get("documents/starred").json()["items"] == []

    page = owner.get("documents/mine", limit=1).json()
    assert len(page["items"]) == 1
    assert page["next_cursor"]
    rest = owner.get("documents/mine", limit=1, cursor=page["next_cursor"]).json()
    assert {page["items"][0]["id"], rest["items"][0]["id"]} == {first, second}


def test_a_grant_needs_a_principal_that_exists(people: dict[str, Any], api_for: Any) -> None:
    owner = api_for(people["employee"])
    space_id = owner.get("documents/spaces").json()[0]["id"]
    document_id = owner.post("documents", {"space_id": space_id, "title": "一"}).json()["id"]
    body = {"target": "document", "target_id": document_id, "principal": "user", "level": "edit"}
    missing = owner.post("documents/grants", body)
    assert (missing.status_code, missing.json()["code"]) == (422, "principal_not_found")
    assert not Grant.objects.filter(document_id=document_id, principal="user", level="edit").exists()


LISTINGS = {
    "mine": (selectors.mine, ("-updated_at", "-id"), selectors.present),
    "shared": (selectors.shared_with_me, ("-updated_at", "-id"), selectors.present),
    "recent": (selectors.recent, ("-visited_at", "-id"), selectors.present_links),
    "starred": (selectors.starred, ("-starred_at", "-id"), selectors.present_links),
}


@pytest.mark.parametrize("listing", list(LISTINGS))
def test_a_list_costs_the_same_queries_for_3_or_12_documents(people: dict[str, Any], listing: str) -> None:
    """The page of a list endpoint: its rows and what the actor may do with each, in a fixed number of
    queries (measured below the HTTP layer, whose session and cache queries are not the list's)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    owner, reader = people["employee"], people["employee_b"]
    space = services.space_personal(actor=owner)
    actor = owner if listing == "mine" else reader
    rows_of, ordering, present = LISTINGS[listing]

    def add(count: int) -> None:
        for n in range(count):
            document = services.document_create(actor=owner, space_id=space.pk, title=f"文档{n}")
            services.grant_set(
                actor=owner,
                target="document",
                target_id=document.pk,
                principal="user",
                principal_id=reader.pk,
                level="edit",
            )
            services.document_visit(user=reader, document_id=document.pk)
            services.document_star(actor=reader, document_id=document.pk, starred=True)

    counts = []
    for count in (3, 9):
        add(count)
        actor.refresh_from_db()
        with CaptureQueriesContext(connection) as queries:
            seen = present(actor, list(rows_of(actor=actor).order_by(*ordering)[:50]))
        counts.append((len(seen), len(queries)))
    assert [items for items, _ in counts] == [3, 12]
    assert counts[0][1] == counts[1][1]
