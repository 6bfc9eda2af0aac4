"""What each event of another app tells whom. Handlers run as tasks after commit and may run twice:
`services.notify` stores one notification per (event, recipient) and one delivery per channel."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from uuid import UUID

from django.utils.translation import gettext as _

from officium.accounts.events import PasswordChanged, SignedIn
from officium.approvals import selectors as approvals
from officium.approvals.events import (
    ApprovalFinished,
    ApprovalOverdue,
    ApprovalReturned,
    ApprovalUrged,
    CommentAdded,
    TaskAssigned,
)
from officium.approvals.models import Instance
from officium.core.events import subscribe
from officium.notifications.models import Kind, Source
from officium.notifications.services import Draft, notify
from officium.org.models import Employee

Text = Callable[[], str]


def approval_link(instance_id: UUID) -> str:
    return f"/approvals/instances/{instance_id}"


def _instance(instance_id: UUID) -> Instance | None:
    return Instance.objects.select_related("submitter").filter(pk=instance_id).first()


def _people(employee_ids: Iterable[UUID | None]) -> list[Employee]:
    ids = {pk for pk in employee_ids if pk is not None}
    return list(Employee.objects.select_related("user").filter(pk__in=ids).order_by("pk"))


RESTRICTED: dict[str, Text] = {
    Kind.MENTION: lambda: _("You were mentioned in an approval you cannot open."),
    "": lambda: _("Something in an approval you cannot open concerns you."),
}


def _no_body() -> str:
    return ""


def _draft(instance: Instance, person: Employee, kind: str, title: Text, body: Text = _no_body) -> Draft:
    """A notification about `instance` for `person`; content-free when they may not open it."""
    return Draft(
        recipient_id=person.user_id,
        kind=kind,
        source=Source.APPROVALS,
        title=title,
        body=body,
        restricted_title=RESTRICTED.get(kind, RESTRICTED[""]),
        link=approval_link(instance.pk),
        object_type="approvals.instance",
        object_id=str(instance.pk),
        visible=approvals.may_see(person, person.user, instance),
    )


@subscribe(TaskAssigned)
def notify_task_assigned(event: TaskAssigned) -> None:
    instance = _instance(event.instance_id)
    if instance is None:
        return
    cc = event.kind == "cc"
    # A delegate acts for the assignee while they are away: the delegate is the one to tell.
    person = _people([event.delegate_id or event.assignee_id])
    if cc:
        drafts = [
            _draft(
                instance,
                p,
                Kind.APPROVAL_CC,
                lambda: _("%(submitter)s's approval was copied to you") % {"submitter": instance.submitter.name},
                lambda: instance.title,
            )
            for p in person
        ]
    else:
        drafts = [
            _draft(
                instance,
                p,
                Kind.APPROVAL_TODO,
                lambda: _("%(submitter)s's approval awaits you") % {"submitter": instance.submitter.name},
                lambda: instance.title,
            )
            for p in person
        ]
    notify(event_id=event.event_id, drafts=drafts)


FINISHED: dict[str, Text] = {
    "approved": lambda: _("Your approval was approved"),
    "rejected": lambda: _("Your approval was rejected"),
    "revoked": lambda: _("Your approval was revoked"),
    "terminated": lambda: _("Your approval was terminated"),
}


@subscribe(ApprovalFinished)
def notify_approval_finished(event: ApprovalFinished) -> None:
    title = FINISHED.get(event.outcome)
    instance = _instance(event.instance_id)
    if title is None or instance is None:
        return  # the submitter withdrew it themselves: nothing to tell them
    drafts = [
        _draft(instance, p, Kind.APPROVAL_RESULT, title, lambda: instance.title) for p in _people([event.submitter_id])
    ]
    notify(event_id=event.event_id, drafts=drafts)


@subscribe(ApprovalReturned)
def notify_approval_returned(event: ApprovalReturned) -> None:
    instance = _instance(event.instance_id)
    if instance is None:
        return
    if event.to_node == "submitter":
        title: Text = lambda: _("Your approval was returned to you")  # noqa: E731
    else:
        title = lambda: _("Your approval was returned to an earlier step")  # noqa: E731
    drafts = [
        _draft(instance, p, Kind.APPROVAL_RESULT, title, lambda: instance.title)
        for p in _people([instance.submitter_id])
    ]
    notify(event_id=event.event_id, drafts=drafts)


@subscribe(CommentAdded)
def notify_comment_added(event: CommentAdded) -> None:
    """The people mentioned hear of the mention; the submitter of a comment on their approval. A
    mentioned person who may not open the approval learns only that something concerns them."""
    instance = _instance(event.instance_id)
    if instance is None:
        return
    author = _people([event.author_id])
    name = author[0].name if author else ""
    mentioned = set(event.mentioned_ids) - {event.author_id}
    drafts = [
        _draft(
            instance,
            p,
            Kind.MENTION,
            lambda: _("%(author)s mentioned you in an approval") % {"author": name},
            lambda: instance.title,
        )
        for p in _people(mentioned)
    ]
    if instance.submitter_id != event.author_id and instance.submitter_id not in mentioned:
        drafts += [
            _draft(
                instance,
                p,
                Kind.APPROVAL_COMMENT,
                lambda: _("%(author)s commented on your approval") % {"author": name},
                lambda: instance.title,
            )
            for p in _people([instance.submitter_id])
        ]
    notify(event_id=event.event_id, drafts=drafts)


@subscribe(ApprovalUrged)
def notify_approval_urged(event: ApprovalUrged) -> None:
    instance = _instance(event.instance_id)
    if instance is None:
        return
    drafts = [
        _draft(
            instance,
            p,
            Kind.APPROVAL_URGE,
            lambda: _("%(submitter)s asks you to handle an approval") % {"submitter": instance.submitter.name},
            lambda: instance.title,
        )
        for p in _people(event.assignee_ids)
    ]
    notify(event_id=event.event_id, drafts=drafts)


@subscribe(ApprovalOverdue)
def notify_approval_overdue(event: ApprovalOverdue) -> None:
    instance = _instance(event.instance_id)
    if instance is None:
        return
    drafts = [
        _draft(
            instance,
            p,
            Kind.APPROVAL_OVERDUE,
            lambda: _("An approval waiting for you is overdue"),
            lambda: instance.title,
        )
        for p in _people([event.delegate_id or event.assignee_id])
    ]
    notify(event_id=event.event_id, drafts=drafts)


SECURITY_LINK = "/me"


@subscribe(PasswordChanged)
def notify_password_changed(event: PasswordChanged) -> None:
    draft = Draft(
        recipient_id=event.user_id,
        kind=Kind.SECURITY,
        source=Source.ACCOUNTS,
        title=lambda: _("Your password was changed"),
        body=lambda: _("If this was not you, tell your administrator at once."),
        link=SECURITY_LINK,
    )
    notify(event_id=event.event_id, drafts=[draft])


@subscribe(SignedIn)
def notify_new_device_sign_in(event: SignedIn) -> None:
    if not event.new_device:
        return
    draft = Draft(
        recipient_id=event.user_id,
        kind=Kind.SECURITY,
        source=Source.ACCOUNTS,
        title=lambda: _("New sign-in to your account"),
        body=lambda: (
            _("From %(ip)s, %(agent)s. If this was not you, change your password.")
            % {"ip": event.ip or "?", "agent": event.user_agent[:120]}
        ),
        link=SECURITY_LINK,
    )
    notify(event_id=event.event_id, drafts=[draft])
