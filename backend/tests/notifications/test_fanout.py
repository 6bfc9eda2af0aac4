"""Events become notifications: who hears what, in their language, once, and never more than they may see."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from officium.approvals.events import TaskAssigned
from officium.approvals.models import Task
from officium.approvals.services import instances as instance_services
from officium.core import events
from officium.notifications import handlers, services
from officium.notifications.models import Delivery, Notification

from ..approvals.conftest import Company, approve, approver, members, submit
from .conftest import inbox

pytestmark = pytest.mark.django_db


def test_the_approver_is_told_of_the_task_in_their_language_with_a_link(
    people: Company, make_template: Any, run_commits: Any
) -> None:
    template = make_template([approver("n", members(people["lead"]))])
    instance = run_commits(submit, template, people["dev1"])
    assert inbox(people["lead"].user) == [
        ("approval_todo", "开发一's approval awaits you", f"/approvals/instances/{instance.pk}")
    ]
    notification = Notification.objects.get(recipient=people["lead"].user)
    assert (notification.source, notification.body, notification.read_at) == ("approvals", instance.title, None)
    assert (notification.object_type, notification.object_id) == ("approvals.instance", str(instance.pk))


def test_the_submitter_hears_the_result_in_chinese(people: Company, make_template: Any, run_commits: Any) -> None:
    template = make_template([approver("n", members(people["lead"]))])
    instance = run_commits(submit, template, people["dev1"])
    run_commits(approve, instance, people["lead"])
    assert inbox(people["dev1"].user) == [("approval_result", "你的审批已通过", f"/approvals/instances/{instance.pk}")]


def test_an_event_handled_twice_notifies_once_per_channel(
    people: Company, make_template: Any, run_commits: Any
) -> None:
    template = make_template([approver("n", members(people["lead"]))])
    instance = run_commits(submit, template, people["dev1"])
    task = Task.objects.get(instance=instance, assignee=people["lead"])
    event = TaskAssigned(
        task_id=task.pk, instance_id=instance.pk, assignee_id=people["lead"].pk, delegate_id=None, kind="approve"
    )
    payload = events.to_payload(event)
    path = events.handler_path(handlers.notify_task_assigned)
    mail.outbox.clear()
    services.preferences_update(
        actor=people["lead"].user, channels={"approval_todo": {"email": True}}, quiet_hours=None, email_digest=False
    )
    run_commits(events.run_handler, path, payload)
    run_commits(events.run_handler, path, payload)

    assert Notification.objects.filter(event_id=event.event_id).count() == 1
    assert list(Delivery.objects.filter(event_id=event.event_id).values_list("channel", "status")) == [
        ("email", "sent")
    ]
    assert [m.to for m in mail.outbox] == [["lead@example.test"]]


def test_a_mention_where_the_person_cannot_look_says_so_without_content(
    people: Company, make_template: Any, run_commits: Any
) -> None:
    template = make_template([approver("n", members(people["lead"]))])
    instance = run_commits(submit, template, people["dev1"])
    run_commits(
        instance_services.instance_comment,
        actor=people["dev1"].user,
        instance_id=instance.pk,
        text="@组长 请看 @财务总监 也看一下",
    )
    assert inbox(people["lead"].user)[-1] == (
        "mention",
        "开发一 mentioned you in an approval",
        f"/approvals/instances/{instance.pk}",
    )
    restricted = Notification.objects.get(recipient=people["fd"].user)
    assert (restricted.kind, restricted.title, restricted.body, restricted.link) == (
        "mention",
        "你在一项你无权查看的审批中被提及。",
        "",
        "",
    )
    assert (restricted.object_type, restricted.object_id, restricted.restricted) == ("", "", True)


def test_the_submitter_hears_of_comments_but_the_author_not_of_their_own(
    people: Company, make_template: Any, run_commits: Any
) -> None:
    template = make_template([approver("n", members(people["lead"]))])
    instance = run_commits(submit, template, people["dev1"])
    run_commits(
        instance_services.instance_comment, actor=people["lead"].user, instance_id=instance.pk, text="@组长 备注"
    )
    assert inbox(people["dev1"].user) == [
        ("approval_comment", "组长评论了你的审批", f"/approvals/instances/{instance.pk}")
    ]
    assert [kind for kind, _, _ in inbox(people["lead"].user)] == ["approval_todo"]


def test_urged_approvers_are_reminded(people: Company, make_template: Any, run_commits: Any) -> None:
    template = make_template([approver("n", members(people["lead"]))])
    instance = run_commits(submit, template, people["dev1"])
    run_commits(instance_services.instance_urge, actor=people["dev1"].user, instance_id=instance.pk)
    assert [kind for kind, _, _ in inbox(people["lead"].user)] == ["approval_todo", "approval_urge"]
    assert inbox(people["lead"].user)[-1][1] == "开发一 asks you to handle an approval"
