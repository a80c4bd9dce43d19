import QtQuick
import Lanyard.Kiosk
import "Bidi.js" as Bidi

// Waiting for a delegate: the event, how to scan, and the language choice. At a closed door: that
// it is closed, and what comes next. While the server cannot be reached: that, above all else.
Rectangle {
    id: page

    required property KioskController controller
    property StaffController staff: null
    readonly property bool closed: controller.door.closed

    color: "#ffffff"

    // Staff mode's way in: small and out of the way, but a proper touch target.
    BigButton {
        id: staffButton
        objectName: "staffMode"
        anchors { right: parent.right; top: printerBanner.bottom; margins: 16 }
        z: 1
        visible: page.staff !== null && page.staff.available && !page.controller.door.enabled
        minimumWidth: 160
        implicitHeight: 72
        fontSize: 28
        primary: false
        text: qsTr("Staff")
        onClicked: page.staff.open()
    }

    // The server cannot be reached: nobody can check in here until it can.
    Rectangle {
        id: offlineBanner
        objectName: "offlineBanner"
        anchors { top: parent.top; left: parent.left; right: parent.right }
        visible: page.controller.offline
        height: visible ? offlineText.implicitHeight + 32 : 0
        color: "#a61b00"
        Text {
            id: offlineText
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: 24 }
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: qsTr("This kiosk is offline: please use another kiosk or the help desk.")
            font.pixelSize: 34
            font.bold: true
            color: "#ffffff"
        }
    }

    // The printer cannot print: say so before anyone checks in, and where the badge will come from.
    Rectangle {
        id: printerBanner
        objectName: "printerBanner"
        anchors { top: offlineBanner.bottom; left: parent.left; right: parent.right }
        visible: page.controller.printerProblem !== "" && !page.controller.offline
        height: visible ? banner.implicitHeight + 32 : 0
        color: "#8a5a00"
        Text {
            id: banner
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: 24 }
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: page.controller.printerProblem === "paper_out"
                  ? qsTr("The badge printer is out of paper. You can still check in; collect your badge at the help desk.")
                  : qsTr("The badge printer is not working. You can still check in; collect your badge at the help desk.")
            font.pixelSize: 30
            font.bold: true
            color: "#ffffff"
        }
    }

    Item {
        id: content
        anchors { top: printerBanner.bottom; left: parent.left; right: parent.right; bottom: parent.bottom }
    }

    Column {
        anchors.centerIn: content
        width: parent.width - 160
        spacing: printerBanner.visible || offlineBanner.visible || page.controller.door.enabled ? 24 : 40

        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            // Clear of the Staff button in the top right corner.
            width: staffButton.visible ? page.width - 2 * (staffButton.width + 32) : parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            elide: Text.ElideRight
            text: !page.controller.connected ? qsTr("Connecting to the server…")
                  : page.closed ? page.controller.door.room
                  : page.controller.door.enabled ? page.controller.door.sessionTitle : page.controller.eventName
            font.pixelSize: 44
            color: "#333333"
        }
        Text {
            objectName: "welcomeHeading"
            width: parent.width
            visible: !roomName.visible && !page.closed
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: qsTr("Welcome!")
            font.pixelSize: 96
            font.bold: true
            color: "#111111"
        }
        // At a session's door, the room instead: a long name gets a smaller font, within two lines.
        Text {
            id: roomName
            objectName: "roomName"
            width: parent.width
            height: Math.min(implicitHeight, 200)
            visible: page.controller.door.enabled && page.controller.door.sessionRoom !== ""
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            fontSizeMode: Text.Fit
            minimumPixelSize: 40
            text: page.controller.door.sessionRoom
            font.pixelSize: 96
            font.bold: true
            color: "#111111"
        }
        Text {
            objectName: "doorClosed"
            width: parent.width
            height: Math.min(implicitHeight, 260)
            visible: page.closed
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            fontSizeMode: Text.Fit
            minimumPixelSize: 40
            text: page.controller.door.roomMode ? qsTr("No session in this room now") : qsTr("This session is not open now")
            font.pixelSize: 96
            font.bold: true
            color: "#111111"
        }
        Text {
            objectName: "nextSession"
            width: parent.width
            visible: page.closed
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            // The title goes in last, and by a function, so that a "%2" or "$&" in it stays as typed.
            text: page.controller.door.nextSessionTitle === ""
                  ? (page.controller.door.roomMode ? qsTr("There are no more sessions in this room.")
                                              : qsTr("This session is over."))
                  : page.controller.door.roomMode
                  ? qsTr("Next: %1 at %2").replace("%2", () => page.controller.door.nextSessionTime)
                                          .replace("%1", () => Bidi.isolate(page.controller.door.nextSessionTitle))
                  : qsTr("%1 starts at %2.").replace("%2", () => page.controller.door.nextSessionTime)
                                           .replace("%1", () => Bidi.isolate(page.controller.door.nextSessionTitle))
            font.pixelSize: 44
            color: "#111111"
        }
        // How to scan: the pictogram beside the words, for whoever reads neither language well.
        Row {
            width: parent.width
            // Offline, the banner says what to do instead.
            visible: !page.closed && !page.controller.offline
            spacing: 32
            ScanPictogram {
                id: scanPictogram
                objectName: "scanPictogram"
                anchors.verticalCenter: parent.verticalCenter
                width: 180
                height: 120
            }
            Text {
                objectName: "scanPrompt"
                anchors.verticalCenter: parent.verticalCenter
                width: parent.width - scanPictogram.width - parent.spacing
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: page.controller.door.leaving ? qsTr("Scan your badge to leave.")
                      : page.controller.door.enabled ? qsTr("Scan your badge to enter.")
                      : qsTr("Scan the QR code from your confirmation e-mail under the scanner.")
                font.pixelSize: 48
                // Leaving in the colour of the door's goodbye, so that it is not missed.
                font.bold: page.controller.door.leaving
                color: page.controller.door.leaving ? "#1f4f8a" : "#111111"
            }
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            visible: !page.controller.canSearch && !page.controller.door.enabled && !page.controller.offline
            text: qsTr("No QR code? Please go to the help desk.")
            font.pixelSize: 36
            color: "#333333"
        }
        BigButton {
            objectName: "findName"
            anchors.horizontalCenter: parent.horizontalCenter
            visible: page.controller.canSearch && !page.controller.offline
            text: qsTr("No QR code? Find your name")
            onClicked: page.controller.openSearch()
        }
        // At a session's door: leaving frees a seat in a session with a capacity.
        BigButton {
            objectName: "leaving"
            anchors.horizontalCenter: parent.horizontalCenter
            visible: page.controller.door.enabled && page.controller.connected && !page.closed && !page.controller.offline
            primary: false
            implicitHeight: 80
            fontSize: 32
            text: page.controller.door.leaving ? qsTr("I am entering") : qsTr("I am leaving")
            onClicked: page.controller.setLeaving(!page.controller.door.leaving)
        }
        LanguageBar {
            anchors.horizontalCenter: parent.horizontalCenter
            controller: page.controller
        }
    }
}
