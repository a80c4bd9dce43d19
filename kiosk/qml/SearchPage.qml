pragma ComponentBehavior: Bound

import QtQuick
import Lanyard.Kiosk
import QtQuick.Controls
import "Bidi.js" as Bidi

// "Find your name": type a few letters (on-screen keyboard or keys), pick yourself from at most
// ten names in their minimal form ("Simona B., Vilnius"); where more match, type more letters.
Rectangle {
    id: page

    required property KioskController controller

    color: "#ffffff"
    Component.onCompleted: field.forceActiveFocus()

    Column {
        id: header
        anchors { top: parent.top; left: parent.left; right: parent.right; margins: 24 }
        spacing: 16

        Text {
            width: parent.width
            wrapMode: Text.WordWrap
            text: qsTr("Find your name")
            font.pixelSize: 44
            font.bold: true
            color: "#111111"
        }
        Row {
            width: parent.width
            spacing: 24
            TextField {
                id: field
                objectName: "searchField"
                width: parent.width - back.width - parent.spacing
                height: 84
                leftPadding: 24
                rightPadding: 24  // As wide: a right-to-left name sits on the right.
                text: page.controller.searchQuery
                placeholderText: qsTr("Type your first or last name")
                placeholderTextColor: "#666666"
                font.pixelSize: 44
                color: "#111111"
                inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase
                background: Rectangle {
                    radius: 12
                    border.width: field.activeFocus ? 6 : 3
                    border.color: field.activeFocus ? "#ffb000" : "#003a8c"
                }
                onTextEdited: page.controller.search(text)
                Keys.onDownPressed: if (results.count > 0) results.itemAtIndex(0).forceActiveFocus()
            }
            BigButton {
                id: back
                minimumWidth: 240
                height: 84
                primary: false
                text: qsTr("Back")
                onClicked: page.controller.startOver()
            }
        }
        Text {
            objectName: "moreResults"
            width: parent.width
            visible: page.controller.moreResults
            wrapMode: Text.WordWrap
            text: qsTr("More names match than fit here: type more letters of your name.")
            font.pixelSize: 32
            font.bold: true
            color: "#8a5a00"
        }
    }

    ListView {
        id: results
        objectName: "searchResults"
        anchors { top: header.bottom; left: parent.left; right: parent.right; bottom: parent.bottom; margins: 24 }
        clip: true
        spacing: 12
        model: page.controller.searchResults
        keyNavigationEnabled: true

        delegate: BigButton {
            id: match
            required property real delegateId
            required property string name
            required property string affiliation
            width: ListView.view.width
            height: 80
            lines: 1
            primary: false
            text: Bidi.matchLine(match.name, match.affiliation)
            onClicked: page.controller.choose(match.delegateId)
        }
    }

    Text {
        anchors { top: header.bottom; left: parent.left; right: parent.right; margins: 24 }
        visible: field.text.trim().length >= 2 && results.count === 0
        wrapMode: Text.WordWrap
        text: qsTr("No name found yet. Try fewer letters, or go to the help desk.")
        font.pixelSize: 36
        color: "#333333"
    }
}
