"""Keys handled one at a time, in the order typed, each by the widget focused when it is read.

Textual 8.2.8 reads a key, forwards it to the focused widget's queue and reads the next one
at once. A key that moves focus or acts on the form (tab, shift+tab, enter, ctrl+s, escape)
takes effect only after it has bubbled back up to the app, so the keys typed behind it were
already queued for the old widget: `Ada<Tab>Engines` typed `AdaEngines` into the name, and
`CTO<ctrl+s>` saved the form before `CTO` was in it. Fast typists and busy machines deliver
such bursts. Here the app forwards a key only when the one before it has been handled all
the way up; a binding still acts when its key is read.
"""

from __future__ import annotations

from collections import deque
from time import monotonic

from textual import events
from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump
from textual.timer import Timer
from textual.widget import Widget

GIVE_UP_AFTER = 5.0
"""Seconds to hold keys behind one whose handling never reported back: past this the held
keys go on, as Textual itself would send them. Only a wedged widget takes this long; a widget
removed with the report in its queue (escape closing a form) is noticed within LOOK_EVERY."""
LOOK_EVERY = 0.05
"""Seconds between looks, while keys are held, at whether the key's widget is still there."""


class KeyHandled(Message):
    """Posted to the widget a key was forwarded to, right behind the key.

    A widget's queue is first in, first out, and a message bubbles to the parent after the
    widget has handled it, so this follows the key up the DOM and reaches the app only after
    the key did, or after a widget stopped the key. Either way the key has been handled.
    """

    def __init__(self, key: events.Key) -> None:
        super().__init__()
        self.key = key


class KeyOrderApp(App[None]):
    """An App whose keys reach their widgets in order, each after the previous is handled."""

    def __init__(self) -> None:
        super().__init__()
        self._held: deque[events.Key] = deque()
        self._on_its_way: events.Key | None = None
        self._sent_to: MessagePump | None = None
        self._holding: Timer | None = None
        self._held_since = 0.0

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not self.screen_stack:
            return  # the app is closing: a key still on its way has nothing left to act on
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
        elif self._on_its_way is not None:
            self._held.append(event)
            self._keep_looking()
        else:
            await self._send(event)

    async def _send(self, key: events.Key) -> None:
        await super().on_event(key)
        if not key.is_forwarded:
            return  # a priority binding has handled it already
        target = self.focused or self.screen
        if target.post_message(KeyHandled(key)):
            self._on_its_way, self._sent_to = key, target

    def on_key_handled(self, message: KeyHandled) -> None:
        """The key's action may have asked for focus (`widget.focus()` is a call_later on the
        app): the held keys go after that, to the widget focused by then."""
        message.stop()
        self.call_later(self._handled, message.key)

    async def _handled(self, key: events.Key) -> None:
        if key is self._on_its_way:
            await self._send_held()

    async def _look_at_the_held(self) -> None:
        """Sends the held keys on when the key before them can no longer report back."""
        widget = self._sent_to
        gone = isinstance(widget, Widget) and not widget.is_attached
        if gone or monotonic() - self._held_since > GIVE_UP_AFTER:
            await self._send_held()

    async def _send_held(self) -> None:
        if self._holding is not None:
            self._holding.stop()
            self._holding = None
        self._on_its_way = self._sent_to = None
        while self._held and self._on_its_way is None:
            await self._send(self._held.popleft())
        if self._held:
            self._keep_looking()

    def _keep_looking(self) -> None:
        if self._holding is None:
            self._held_since = monotonic()
            self._holding = self.set_interval(LOOK_EVERY, self._look_at_the_held)
