import QtQuick
import QtQuick.Window
import Lanyard.Kiosk

// The kiosk window: shows the page the controller is on.
Window {
    id: window

    required property KioskController controller
    property bool fullscreen: false

    width: 1280
    height: 800
    visible: true
    visibility: fullscreen ? Window.FullScreen : Window.Windowed
    color: "#ffffff"
    title: qsTr("Lanyard check-in")

    Loader {
        id: page
        anchors.fill: parent
        focus: true
        sourceComponent: {
            switch (window.controller.page) {
            case KioskController.Confirm: return confirmPage
            case KioskController.Checking: return checkingPage
            case KioskController.Printing: return printingPage
            case KioskController.Done: return donePage
            case KioskController.Problem: return problemPage
            default: return welcomePage
            }
        }
    }

    Component { id: welcomePage; WelcomePage { controller: window.controller } }
    Component { id: confirmPage; ConfirmPage { controller: window.controller } }
    Component { id: checkingPage; PrintingPage { printing: false } }
    Component { id: printingPage; PrintingPage { printing: true } }
    Component { id: donePage; DonePage { controller: window.controller } }
    Component { id: problemPage; ProblemPage { controller: window.controller } }
}
