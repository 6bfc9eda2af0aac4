"""Data for approval-throughput: a large organisation, a million historical tasks, approvals waiting for
100 approvers, signed-in sessions, and the two in-process measurements (query counts, the ORM baseline).

History goes in with INSERT … SELECT over generate_series (PostgreSQL): the engine would need hours for a
million tasks, and the inbox only reads rows. The column lists come from the models, so a new column
without a value here stops the benchmark instead of silently inserting defaults.
"""

from __future__ import annotations

import time

from django.db import connection, transaction
from django.db.models import Count, F
from django.middleware.csrf import CSRF_SECRET_LENGTH
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.crypto import get_random_string

from bench.org_data import build_organisation
from officium.approvals.models import Instance, Task, Template, TimelineEvent
from officium.approvals.services import instances as instance_services
from officium.approvals.services import templates as template_services
from officium.org.models import Employee

FORM = {
    "fields": [
        {"id": "reason", "type": "text", "label": "事由", "required": True},
        {"id": "first", "type": "person", "label": "第一审批人", "required": True},
        {"id": "second", "type": "person", "label": "第二审批人", "required": True},
    ]
}
FLOW = {
    "nodes": [
        {"id": "one", "type": "approver", "name": "一审", "approvers": [{"type": "form_field", "field": "first"}]},
        {"id": "two", "type": "approver", "name": "二审", "approvers": [{"type": "form_field", "field": "second"}]},
    ]
}


def organisation(people: int) -> list[Employee]:
    build_organisation(employees=people, departments=max(people // 10, 10), depth=6)
    return list(Employee.objects.filter(user__username__startswith="u").order_by("employee_number"))


def _template(key: str) -> Template:
    template = template_services.template_create(actor=None, key=key, name="压测审批", form=FORM, flow=FLOW)
    template_services.template_publish(actor=None, template_id=template.pk)
    template.refresh_from_db()
    return template


def insert_select(table: str, values: dict[str, str], source: str, columns: list[str]) -> None:
    missing = sorted(set(columns) - set(values))
    if missing:
        raise RuntimeError(f"{table}: give the benchmark a value for {', '.join(missing)}")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values[c] for c in columns)} {source}"
        )


def history(tasks: int, per_instance: int, *, keep_clear: int) -> int:
    """`tasks` decided tasks in instances of `per_instance`, spread over everyone; one in fifty is still
    pending, except for the first `keep_clear` people (the approvers, whose inboxes the load test empties)."""
    template = _template("bench-history")
    assert template.published_id is not None
    instances = tasks // per_instance
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_people AS SELECT id, main_department_id, "
            "row_number() OVER (ORDER BY employee_number) AS n FROM org_employee"
        )
        cursor.execute("SELECT count(*) FROM bench_people")
        (people,) = cursor.fetchone()
    instance_columns = [f.column for f in Instance._meta.concrete_fields]
    insert_select(
        Instance._meta.db_table,
        {
            "id": "gen_random_uuid()",
            "template_id": f"'{template.pk}'",
            "version_id": f"'{template.published_id}'",
            "serial_number": "'H' || g",
            "title": "'历史审批 ' || g",
            "submitter_id": "p.id",
            "department_id": "p.main_department_id",
            "form_data": """'{"reason": "历史"}'::jsonb""",
            "status": "'approved'",
            "round": "1",
            "joins": "'{}'::jsonb",
            "form_revision": "0",
            "chosen": "'{}'::jsonb",
            "submitted_at": "now() - g * interval '7 minutes'",
            "finished_at": "now() - g * interval '7 minutes' + interval '3 hours'",
            "updated_at": "now()",
        },
        f"FROM generate_series(1, {instances}) AS g JOIN bench_people p ON p.n = g % {people} + 1",
        instance_columns,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE bench_instances AS SELECT id, submitted_at, row_number() OVER (ORDER BY id) AS n "
            f"FROM {Instance._meta.db_table} WHERE template_id = %s",
            [str(template.pk)],
        )
    pending = f"(g % 50 = 0 AND p.n > {keep_clear})"
    insert_select(
        Task._meta.db_table,
        {
            "id": "gen_random_uuid()",
            "instance_id": "i.id",
            "node_run_id": "NULL",
            "kind": "'approve'",
            "assignee_id": "p.id",
            "delegate_id": "NULL",
            "acted_by_id": f"CASE WHEN {pending} THEN NULL ELSE p.id END",
            "round": "1",
            "form_revision": "0",
            "origin": "'flow'",
            "add_mode": "''",
            "status": f"CASE WHEN {pending} THEN 'pending' ELSE 'approved' END",
            "position": "0",
            "added_by_id": "NULL",
            "comment": "''",
            "signature": "''",
            "auto_reason": "''",
            "due_at": "NULL",
            "reminded_at": "NULL",
            "reminders": "0",
            "remind_again_at": "NULL",
            "created_at": f"i.submitted_at + (g % {per_instance}) * interval '10 minutes'",
            "decided_at": f"CASE WHEN {pending} THEN NULL ELSE i.submitted_at + interval '2 hours' END",
        },
        f"FROM generate_series(1, {instances * per_instance}) AS g "
        f"JOIN bench_instances i ON i.n = (g - 1) / {per_instance} + 1 "
        f"JOIN bench_people p ON p.n = (g::bigint * 7919) % {people} + 1",
        [f.column for f in Task._meta.concrete_fields],
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return Task.objects.count()


def waiting_approvals(approvers: list[Employee], each: int) -> None:
    """`each` two-step approvals for every approver: step one theirs, step two their neighbour's."""
    template = _template("bench-live")
    submitter = approvers[0]
    for round_ in range(each):
        for index, person in enumerate(approvers):
            neighbour = approvers[(index + 1 + round_) % len(approvers)]
            if neighbour == person:
                neighbour = approvers[(index + 2) % len(approvers)]
            instance_services.instance_submit(
                actor=submitter.user,
                template_id=template.pk,
                form_data={"reason": "压测", "first": [str(person.pk)], "second": [str(neighbour.pk)]},
            )


def sign_in(person: Employee) -> dict[str, str]:
    """A session as the login page would leave it, and a CSRF secret sent as cookie and header."""
    client = Client()
    client.force_login(person.user)
    csrf = get_random_string(CSRF_SECRET_LENGTH)
    session = client.cookies["sessionid"].value
    return {"cookie": f"sessionid={session}; csrftoken={csrf}", "csrf": csrf}


def inbox_query_counts(people: list[Employee]) -> dict[str, int]:
    """Queries for the first inbox page of the person with the fewest and the most tasks."""
    tasks = dict(Task.objects.filter(assignee__in=people).values_list("assignee").annotate(n=Count("id")).order_by())
    by_tasks = sorted(people, key=lambda p: (tasks.get(p.pk, 0), p.employee_number))
    counts = {}
    for label, person in (("fewest_tasks", by_tasks[0]), ("most_tasks", by_tasks[-1])):
        client = Client(HTTP_HOST="localhost")
        client.force_login(person.user)
        client.get("/api/v1/approvals/inbox/pending", {"limit": 20})  # session and permission caches warm
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/api/v1/approvals/inbox/pending", {"limit": 20})
        if response.status_code != 200:
            raise RuntimeError(f"inbox answered {response.status_code}")
        counts[label] = len(captured.captured_queries)
    return counts


def baseline_ops_per_second(loops: int) -> float:
    """One row lock + update + insert through the ORM: the floor under any task completion."""
    task = Task.objects.filter(status=Task.Status.APPROVED).select_related("instance").first()
    assert task is not None
    started = time.perf_counter()
    for _ in range(loops):
        with transaction.atomic():
            locked = Task.objects.select_for_update().get(pk=task.pk)
            Task.objects.filter(pk=locked.pk).update(reminders=F("reminders") + 1)
            TimelineEvent.objects.create(instance=task.instance, type="bench", data={})
    return round(loops / (time.perf_counter() - started), 1)
