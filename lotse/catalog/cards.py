"""Courses as the visitor reads them: one card per course, and answers about one detail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lotse.catalog.models import Course
from lotse.catalog.search import Hit
from lotse.knowledge import knowledge

DEMO_SOURCE = "demo"


def course_labels() -> dict[str, str]:
    return knowledge().labels.data["courses"]


def euro(amount: float) -> str:
    """1250.0 → "1.250", 99.5 → "99,50" (German grouping and decimal comma)."""
    if float(amount).is_integer():
        return f"{int(amount):,}".replace(",", ".")
    return f"{amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def german_date(day: date) -> str:
    return day.strftime("%d.%m.%Y")


@dataclass(frozen=True)
class CourseCard:
    number: int
    course_id: int
    title: str
    provider: str
    place: str
    start: str
    duration: str
    format: str
    cost: str
    funding: str
    link: str
    demo: bool

    def variables(self) -> dict[str, str]:
        return {k: str(v) for k, v in self.__dict__.items() if k not in {"course_id", "demo"}}

    def text(self) -> str:
        return (f"{self.number}. {self.title}\n{self.provider} · {self.place}\n{self.start} · "
                f"{self.duration} · {self.format}\n{self.cost} · {self.funding}\n{self.link}")


def place_text(course: Course, distance: float | None) -> str:
    labels = course_labels()
    if course.delivery == "online":
        return labels["online_anywhere"]
    town = course.town or ""
    if distance is None or round(distance) == 0:
        return town
    return f"{town}, {labels['distance'].format(km=round(distance))}"


def start_text(course: Course, next_start: date | None, today: date) -> str:
    labels = course_labels()
    if course.starts_anytime:
        return labels["starts_anytime"]
    first = next_start or course.next_start(today)
    return labels["next_start"].format(date=german_date(first)) if first else labels["dates_unknown"]


def duration_text(course: Course) -> str:
    labels = course_labels()
    parts = []
    if course.hours:
        parts.append(labels["hours"].format(hours=course.hours))
    if course.weeks:
        parts.append(labels["weeks_one"] if course.weeks == 1 else labels["weeks"].format(weeks=course.weeks))
    return ", ".join(parts) or labels["duration_unknown"]


def format_text(course: Course) -> str:
    labels = course_labels()
    schedules = [labels[s] for s in course.schedule_list]
    return ", ".join([labels[course.delivery], *(schedules or [labels["schedule_unknown"]])])


def cost_text(course: Course) -> str:
    labels = course_labels()
    if course.cost_eur is None:
        return labels["cost_unknown"]
    return labels["cost"].format(cost=euro(course.cost_eur))


def funding_text(course: Course) -> str:
    return course_labels()["azav" if course.azav else "not_azav"]


def link_text(course: Course) -> str:
    labels = course_labels()
    if course.source == DEMO_SOURCE:
        return labels["demo_link"]
    return labels["link"].format(url=course.url) if course.url else labels["no_link"]


def certificate_text(course: Course) -> str:
    labels = course_labels()
    if course.certificate:
        return labels["certificate"].format(certificate=course.certificate)
    return labels["certificate_unknown"]


def card(number: int, course: Course, hit: Hit | None, today: date) -> CourseCard:
    return CourseCard(
        number=number, course_id=course.id, title=course.title,
        provider=course.provider.name, place=place_text(course, hit.distance_km if hit else None),
        start=start_text(course, hit.next_start if hit else None, today),
        duration=duration_text(course), format=format_text(course), cost=cost_text(course),
        funding=funding_text(course), link=link_text(course), demo=course.source == DEMO_SOURCE,
    )


def demo_note() -> str:
    return course_labels()["demo_note"]
