"""Every feature of hiki, each declared once in its own module here (its event kinds, its
dashboard projections and lines). A new feature adds its module and one line below; a new event
kind of a feature is a change to that feature's module only.

The order is the dashboard's: projections are folded and extra lines shown in this order.
"""

from __future__ import annotations

from hikicli.domain.declare import Feature
from hikicli.domain.features import (
    activity,
    assess,
    checkin,
    family,
    guide,
    homework,
    ladder,
    plans,
    risk,
)

FEATURES: tuple[Feature, ...] = (
    checkin.FEATURE,
    homework.FEATURE,
    family.FEATURE,
    ladder.FEATURE,
    risk.FEATURE,
    plans.RESTART_PLAN,
    activity.FEATURE,
    assess.FEATURE,
    plans.SAFETY_PLAN,
    guide.FEATURE,
)
