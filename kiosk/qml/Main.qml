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

    Loader {
        id: page
        anchors { top: parent.top; left: parent.left; right: parent.right; bottom: keyboard.top }
        focus: true
        sourceComponent: {
            if (window.staff && window.staff.active)
                return window.staff.page === StaffController.Pin ? staffPinPage : staffPage
            if (window.controller.setupProblem !== "") return setupProblemPage
            switch (window.controller.page) {
            case KioskController.Search: return searchPage
            case KioskController.Confirm: return confirmPage
            case KioskController.Proof: return proofPage
            case KioskController.Checking: return checkingPage
            case KioskController.Printing: return printingPage
            case KioskController.Done: return window.controller.doorMode ? doorPage : donePage
            case KioskController.Problem: return window.controller.doorMode ? doorPage : problemPage
            default: return welcomePage
            }
        }
    }

    ReadingIndicator {
        objectName: "readingIndicator"
        anchors { horizontalCenter: parent.horizontalCenter; bottom: page.bottom; bottomMargin: 32 }
        reading: window.controller.reading
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
        value: window.controller.locales.map(locale => keyboard.layoutFor(locale))
    }
    Binding {
        target: VirtualKeyboardSettings
        property: "locale"
        value: keyboard.shownLayoutFor(window.controller.locale)
    }

    Component { id: welcomePage; WelcomePage { controller: window.controller; staff: window.staff } }
    Component { id: staffPinPage; StaffPinPage { staff: window.staff } }
    Component { id: staffPage; StaffPage { staff: window.staff } }
    Component { id: searchPage; SearchPage { controller: window.controller } }
    Component { id: proofPage; ProofPage { controller: window.controller } }
    Component { id: confirmPage; ConfirmPage { controller: window.controller } }
    Component { id: checkingPage; PrintingPage { printing: false } }
    Component { id: printingPage; PrintingPage { printing: true; name: window.controller.delegateGivenName } }
    Component { id: donePage; DonePage { controller: window.controller } }
    Component { id: problemPage; ProblemPage { controller: window.controller } }
    Component { id: doorPage; DoorPage { controller: window.controller } }
    Component { id: setupProblemPage; SetupProblemPage { controller: window.controller } }
}
