#!/usr/bin/python3
"""Types a code into an X window the way a USB keyboard-wedge scanner does.

A scanner emulates a US keyboard whatever layout the computer has: it presses the physical keys
a US keyboard has for each character, with Shift held for capitals, through the X server (XTEST),
so the window gets real key events with real keycodes and timestamps. Needs python3-xlib.

usage: us_scanner.py --window NAME [--caps-lock] [--prefix KEYS] [--suffix KEYS] [--key-gap S] CODE
       us_scanner.py --keysym KEYCODE
KEYS: names of keys joined by "+", e.g. "tab", "space+tab+kp_enter"; the default suffix is "enter".
--key-gap S types like a person instead, S seconds between keys (the kiosk takes a burst of keys
less than 50 ms apart for a scan), e.g. an e-mail proof.
--keysym prints what the key gives now for keys typed through XTEST (its keysym's name, e.g. "z"
for keycode 29 under a German layout), to check that a layout took.
"""

import argparse
import sys
import time

from Xlib import X, XK, display
from Xlib.ext import xtest

# XKB keycodes (evdev + 8) of a US keyboard's rows: first keycode, characters, with Shift.
US_ROWS = [
    (10, "1234567890-=", "!@#$%^&*()_+"),
    (24, "qwertyuiop[]", "QWERTYUIOP{}"),
    (38, "asdfghjkl;'`", 'ASDFGHJKL:"~'),
    (51, "\\zxcvbnm,./", "|ZXCVBNM<>?"),
]
KEYS = {"enter": 36, "kp_enter": 104, "tab": 23, "space": 65}
SHIFT = 50
CAPS_LOCK = 66


def us_key(char):
    """The keycode and whether Shift is held for `char` on a US keyboard."""
    for first, plain, shifted in US_ROWS:
        if char in plain:
            return first + plain.index(char), False
        if char in shifted:
            return first + shifted.index(char), True
    sys.exit(f"us_scanner: no US key types {char!r}")


def find_window(d, name, deadline):
    """The viewable top-level window titled `name`, waiting for it until `deadline`."""
    while time.monotonic() < deadline:
        for window in d.screen().root.query_tree().children:
            try:
                if window.get_wm_name() == name and window.get_attributes().map_state == X.IsViewable:
                    return window
            except Exception:  # A window closed while we looked: look again.
                pass
        time.sleep(0.05)
    sys.exit(f"us_scanner: no window {name!r} shown within the deadline")


def keysym_name(keysym):
    """The name X gives `keysym`, such as "z", "ecaron" or "Cyrillic_shorti"."""
    for group in ("latin2", "cyrillic"):
        XK.load_keysym_group(group)
    for name in dir(XK):
        if name.startswith("XK_") and getattr(XK, name) == keysym:
            return name[3:]
    return hex(keysym)


def tap(d, keycode):
    """Queues a press and release of `keycode`; the server gets them at the next flush."""
    xtest.fake_input(d, X.KeyPress, keycode)
    xtest.fake_input(d, X.KeyRelease, keycode)


def pause(d, seconds):
    """Sends the keys queued so far and waits `seconds` (none for a scanner's burst)."""
    if seconds > 0:
        d.sync()
        time.sleep(seconds)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--window")
    parser.add_argument("--keysym", type=int, help="print the keysym of this keycode and exit")
    parser.add_argument("--caps-lock", action="store_true", help="with Caps Lock on, as a kiosk left so")
    parser.add_argument("--prefix", default="")
    parser.add_argument("--suffix", default="enter")
    parser.add_argument("--timeout", type=float, default=20)
    parser.add_argument("--key-gap", type=float, default=0, help="seconds between keys, as a person types")
    parser.add_argument("code", nargs="?")
    args = parser.parse_args()

    d = display.Display()
    if not d.has_extension("XTEST"):
        sys.exit("us_scanner: the X server has no XTEST extension")
    if args.keysym is not None:
        # A key through XTEST makes its keyboard's keymap the core one, which clients read; a new
        # connection reads it afresh.
        tap(d, SHIFT)
        d.sync()
        print(keysym_name(display.Display().keycode_to_keysym(args.keysym, 0)))
        return
    if not args.window or not args.code:
        parser.error("--window and CODE are needed to scan")
    deadline = time.monotonic() + args.timeout
    window = find_window(d, args.window, deadline)
    # No window manager gives focus here: take it, and wait until the server says it is there.
    while d.get_input_focus().focus != window:
        if time.monotonic() > deadline:
            sys.exit(f"us_scanner: window {args.window!r} did not take the keyboard focus")
        window.set_input_focus(X.RevertToParent, X.CurrentTime)
        d.sync()
        time.sleep(0.05)

    # The whole code in one go, as a scanner sends it: a few milliseconds from first key to last.
    if args.caps_lock:
        tap(d, CAPS_LOCK)
    for name in filter(None, args.prefix.split("+")):
        tap(d, KEYS[name])
    for char in args.code:
        keycode, shift = us_key(char)
        if shift:
            xtest.fake_input(d, X.KeyPress, SHIFT)
        tap(d, keycode)
        if shift:
            xtest.fake_input(d, X.KeyRelease, SHIFT)
        pause(d, args.key_gap)
    for name in filter(None, args.suffix.split("+")):
        tap(d, KEYS[name])
        pause(d, args.key_gap)
    if args.caps_lock:
        tap(d, CAPS_LOCK)  # Off again for whoever comes next.
    d.sync()


if __name__ == "__main__":
    main()
