import QtQuick

// Waiting for a delegate: the event, how to scan, and the language choice.
Rectangle {
    id: page

    required property var controller

    color: "#ffffff"

    Column {
        anchors.centerIn: parent
        width: parent.width - 160
        spacing: 40

        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: !page.controller.connected ? qsTr("Connecting to the server…")
                  : page.controller.doorMode ? page.controller.sessionTitle : page.controller.eventName
            font.pixelSize: 44
            color: "#333333"
        }
        Text {
            objectName: "welcomeHeading"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: page.controller.doorMode && page.controller.sessionRoom !== "" ? page.controller.sessionRoom
                                                                                 : qsTr("Welcome!")
            font.pixelSize: 96
            font.bold: true
            color: "#111111"
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: page.controller.doorMode ? qsTr("Scan your badge to enter.")
                                           : qsTr("Scan the QR code from your confirmation e-mail under the scanner.")
            font.pixelSize: 48
            color: "#111111"
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            visible: !page.controller.canSearch && !page.controller.doorMode
            text: qsTr("No QR code? Please go to the help desk.")
            font.pixelSize: 36
            color: "#333333"
        }
        BigButton {
            objectName: "findName"
            anchors.horizontalCenter: parent.horizontalCenter
            visible: page.controller.canSearch
            text: qsTr("No QR code? Find your name")
            onClicked: page.controller.openSearch()
        }
        LanguageBar {
            anchors.horizontalCenter: parent.horizontalCenter
            controller: page.controller
        }
    }
}
