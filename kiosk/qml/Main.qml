import QtQuick
import QtQuick.Window
import QtQuick.VirtualKeyboard.Settings
import Lanyard.Kiosk

// The kiosk window: shows the page the controller is on.
Window {
    id: window

    required property KioskController controller
    // Staff mode, when main() offers one; the self check-in waits on Welcome while it is open.
    property StaffController staff: null
    property bool fullscreen: false

    width: 1280
    height: 800
    visible: true
    visibility: fullscreen ? Window.FullScreen : Window.Windowed
    color: "#ffffff"
    title: qsTr("Lanyard check-in")

    // Arabic and Persian read from the right: every page mirrors, staff mode's too. Texts set
    // left align right; the on-screen keyboard keeps its keys in their own order.
    LayoutMirroring.enabled: Qt.locale(controller.locale).textDirection === Qt.RightToLeft
    LayoutMirroring.childrenInherit: true

    // The page the controller (or staff mode) is on, made from its file with its properties: Qt
    // 6.4's Loader cannot make inline components bound to this file's scope.
    Loader {
        id: page
        anchors { top: parent.top; left: parent.left; right: parent.right; bottom: keyboard.top }
        focus: true

        readonly property string shown: {
            if (window.staff && window.staff.active)
                return window.staff.page === StaffController.Pin ? "StaffPinPage" : "StaffPage"
            if (window.controller.setupProblem !== "") return "SetupProblemPage"
            switch (window.controller.page) {
            case KioskController.Search: return "SearchPage"
            case KioskController.Confirm: return "ConfirmPage"
            case KioskController.Proof: return "ProofPage"
            case KioskController.Checking: return "CheckingPage"
            case KioskController.Printing: return "PrintingPage"
            case KioskController.Done: return window.controller.door.enabled ? "DoorPage" : "DonePage"
            case KioskController.Problem: return window.controller.door.enabled ? "DoorPage" : "ProblemPage"
            default: return "WelcomePage"
            }
        }

        property string made: ""  // The page made last: show() makes one only when `shown` changes.

        function show() {
            if (page.made === page.shown) return
            page.made = page.shown
            switch (page.shown) {
            case "StaffPinPage":
            case "StaffPage":
                return page.setSource(page.shown + ".qml", { staff: window.staff })
            case "WelcomePage":
                return page.setSource("WelcomePage.qml", { controller: window.controller, staff: window.staff })
            case "CheckingPage":
            case "PrintingPage":
                return page.setSource("PrintingPage.qml",
                                      { controller: window.controller, printing: page.shown === "PrintingPage" })
            default:
                return page.setSource(page.shown + ".qml", { controller: window.controller })
            }
        }
        onShownChanged: show()
        Component.onCompleted: show()
    }

    ReadingIndicator {
        objectName: "readingIndicator"
        anchors { horizontalCenter: parent.horizontalCenter; bottom: page.bottom; bottomMargin: 32 }
        reading: window.controller.reading
    }

    // Deciding on the kiosk's replica while the server does not answer: for staff walking by, a
    // small hollow ring in a corner; delegates check in as ever.
    Rectangle {
        objectName: "workingOfflineMark"
        anchors { left: parent.left; bottom: page.bottom; margins: 12 }
        visible: window.controller.workingOffline
        width: 18
        height: 18
        radius: 9
        color: "transparent"
        border { color: "#9aa5b1"; width: 3 }
    }

    // The on-screen keyboard for touch-only kiosks, in the delegate's language where Qt has a layout.
    KioskKeyboard {
        id: keyboard
        anchors { left: parent.left; right: parent.right }
        y: active ? parent.height - height : parent.height
    }
    // The delegate's layout first; the globe key switches to the others (Latin letters for a
    // Cyrillic speaker whose name is registered in Latin, say).
    Binding {
        target: VirtualKeyboardSettings
        property: "activeLocales"
        value: Array.from(window.controller.locales, locale => keyboard.layoutFor(locale))
    }
    Binding {
        target: VirtualKeyboardSettings
        property: "locale"
        value: keyboard.shownLayoutFor(window.controller.locale)
    }
}
