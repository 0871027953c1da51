# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Working-time arithmetic on a list of working intervals.

Plain functions, no database: the grievance model asks the resource calendar
once for the working intervals (attendances minus public holidays) of a whole
batch, then plans every deadline of the batch here.
"""

from bisect import bisect_right
from datetime import timedelta


def plan_on_intervals(intervals, start, hours):
    """Moment when ``hours`` of working time after ``start`` are spent.

    :param intervals: sorted, disjoint ``(begin, end)`` datetime pairs;
    :param start: datetime (same awareness as the intervals);
    :param hours: working hours to spend, >= 0;
    :return: the datetime, or ``None`` when the intervals run out first.
    """
    remaining = timedelta(hours=max(hours, 0.0))
    ends = [end for _begin, end in intervals]
    first = bisect_right(ends, start)
    for begin, end in intervals[first:]:
        begin = max(begin, start)
        span = end - begin
        if remaining <= span:
            return begin + remaining
        remaining -= span
    return None


def hours_between(intervals, start, stop):
    """Working hours of ``intervals`` that fall between ``start`` and ``stop``."""
    if stop <= start:
        return 0.0
    total = timedelta()
    for begin, end in intervals:
        overlap = min(end, stop) - max(begin, start)
        if overlap > timedelta():
            total += overlap
    return total.total_seconds() / 3600
