"""Attendance (考勤): groups, clock-in places, consent and the punch log."""

from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "officium.attendance"
    label = "attendance"
    verbose_name = "Attendance"
