import QtQuick

// "Is this you?": who the scanned code belongs to, and yes / no.
Rectangle {
    id: page

    required property var controller

    color: "#ffffff"
    Component.onCompleted: yes.forceActiveFocus()

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
            text: [page.controller.delegateOrganisation, page.controller.delegateAffiliation]
                  .filter(function (part, index, all) { return part !== "" && all.indexOf(part) === index })
                  .join(" · ")
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
                text: page.controller.categoryLabel
                font.pixelSize: 36
                font.bold: true
                // Black or white, whichever reads better on the category's colour.
                color: 0.2126 * band.r + 0.7152 * band.g + 0.0722 * band.b > 0.55 ? "#000000" : "#ffffff"
            }
        }
        Row {
            id: answers
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: 48
            // Side by side within the page: "no" takes at most half, "yes" what is left; both as
            // tall as the taller.
            BigButton {
                id: yes
                maximumWidth: answers.parent.width - no.width - answers.spacing
                height: Math.max(implicitHeight, no.implicitHeight)
                text: qsTr("Yes, print my badge")
                onClicked: page.controller.confirm()
            }
            BigButton {
                id: no
                maximumWidth: (answers.parent.width - answers.spacing) / 2
                height: Math.max(implicitHeight, yes.implicitHeight)
                text: qsTr("No, this is not me")
                primary: false
                onClicked: page.controller.reject()
            }
        }
    }
}
