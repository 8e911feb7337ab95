"""``Annotated`` dependency aliases: routes declare what they need, the app state provides it."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from channels.services import Services
from channels.settings import Settings
from channels.turn_gateway import TurnGateway


def get_services(request: Request) -> Services:
    return request.app.state.services


def get_settings(request: Request) -> Settings:
    return request.app.state.services.settings


def get_turns(request: Request) -> TurnGateway:
    return request.app.state.turns


ServicesDep = Annotated[Services, Depends(get_services)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
TurnsDep = Annotated[TurnGateway, Depends(get_turns)]
