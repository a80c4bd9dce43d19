import QtQuick
import Lanyard.Kiosk
import "Bidi.js" as Bidi

// "Is this you?": who the scanned code belongs to, and yes / no.
Rectangle {
    id: page

    required property KioskController controller

    color: "#ffffff"
    Component.onCompleted: answers.first.forceActiveFocus()

    Column {
        anchors.centerIn: parent
        width: parent.width - 160
        spacing: 32

        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Is this you?")
            font.pixelSize: 64
            font.bold: true
            color: "#111111"
        }
        Text {
            objectName: "delegateName"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: page.controller.delegateName
            font.pixelSize: 88
            font.bold: true
            color: "#111111"
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            // "Organisation · City", either alone when the other is empty or the same.
            text: {
                const organisation = page.controller.delegateOrganisation
                const affiliation = page.controller.delegateAffiliation
                if (organisation === "" || organisation === affiliation) return Bidi.isolate(affiliation)
                if (affiliation === "") return Bidi.isolate(organisation)
                return Bidi.isolate(organisation) + " · " + Bidi.isolate(affiliation)
            }
            font.pixelSize: 44
            color: "#333333"
        }
        Rectangle {
            anchors.horizontalCenter: parent.horizontalCenter
            visible: page.controller.categoryLabel !== ""
            width: Math.min(category.implicitWidth + 64, parent.width)
            height: 72
            radius: 36
            color: page.controller.categoryColour !== "" ? page.controller.categoryColour : "#444444"
            Text {
                id: category
                readonly property color band: parent.color
                anchors.centerIn: parent
                width: Math.min(implicitWidth, parent.width - 64)
                elide: Text.ElideRight
                // The server's default labels have translations; an event's own show as they are.
                text: qsTranslate("Category", page.controller.categoryLabel)
                font.pixelSize: 36
                font.bold: true
                // Black or white, whichever reads better on the category's colour.
                color: 0.2126 * band.r + 0.7152 * band.g + 0.0722 * band.b > 0.55 ? "#000000" : "#ffffff"
            }
        }
        ButtonPair {
            id: answers
            anchors.horizontalCenter: parent.horizontalCenter
            availableWidth: parent.width
            first.text: qsTr("Yes, print my badge")
            second.text: qsTr("No, this is not me")
            onFirstClicked: page.controller.confirm()
            onSecondClicked: page.controller.reject()
        }
    }
}
