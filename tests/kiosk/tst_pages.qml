import QtQuick
import QtTest
import Lanyard.Kiosk

// The kiosk pages against a QML stand-in for KioskController, under the offscreen platform.
Item {
    id: root
    width: 1280
    height: 800

    FakeKioskController { id: fakeController }
    FakeStaffController { id: fakeStaff }

    Component { id: staffPinComponent; StaffPinPage { anchors.fill: parent; staff: fakeStaff } }
    Component { id: staffComponent; StaffPage { anchors.fill: parent; staff: fakeStaff } }
    Component { id: welcomeWithStaffComponent; WelcomePage { anchors.fill: parent; controller: fakeController; staff: fakeStaff } }
    Component { id: confirmComponent; ConfirmPage { anchors.fill: parent; controller: fakeController } }
    Component { id: problemComponent; ProblemPage { anchors.fill: parent; controller: fakeController } }
    Component { id: welcomeComponent; WelcomePage { anchors.fill: parent; controller: fakeController } }
    Component { id: searchComponent; SearchPage { anchors.fill: parent; controller: fakeController } }
    Component { id: proofComponent; ProofPage { anchors.fill: parent; controller: fakeController } }
    Component { id: doneComponent; DonePage { anchors.fill: parent; controller: fakeController } }
    Component { id: setupProblemComponent; SetupProblemPage { anchors.fill: parent; controller: fakeController } }
    Component { id: doorComponent; DoorPage { anchors.fill: parent; controller: fakeController } }
    Component { id: printingComponent; PrintingPage { anchors.fill: parent; printing: true; name: "Simona" } }

    // Laid out right to left, as Main.qml lays out Arabic and Persian.
    Item {
        id: mirrored
        anchors.fill: parent
        LayoutMirroring.enabled: true
        LayoutMirroring.childrenInherit: true
    }

    TestCase {
        name: "KioskPages"
        when: windowShown

        // The visible item named `name` in `item`'s tree (a Repeater's items too), or null.
        function findNamed(item, name) {
            if (item.visible && item.objectName === name) return item
            for (let i = 0; i < item.children.length; ++i) {
                const found = findNamed(item.children[i], name)
                if (found) return found
            }
            return null
        }
        // Where the middle of `item` is across `page`.
        function middleOf(item, page) { return item.mapToItem(page, item.width / 2, 0).x }

        // The first item, depth first, whose `text` is `text`: a BigButton itself, or a Text.
        function findText(item, text) {
            if (item.text !== undefined && item.text === text) return item
            for (let i = 0; i < item.children.length; ++i) {
                const found = findText(item.children[i], text)
                if (found) return found
            }
            return null
        }

        function init() {
            wait(0)  // Lets the previous test's pages be deleted, so that none covers this one's.
            kioskTranslator.use("en")
            fakeController.confirmed = 0
            fakeController.rejected = 0
            fakeController.retried = 0
            fakeController.restarted = 0
            fakeController.visitsEnded = 0
            fakeController.offline = false
            fakeController.messageKey = ""
            fakeController.canRetry = false
            fakeController.language = "en"
            fakeController.searchResults = []
            fakeController.moreResults = false
            fakeController.searched = []
            fakeController.chosen = []
            fakeController.proofs = []
            fakeController.proofRejected = false
            fakeController.searchesOpened = 0
            fakeController.delegateName = "Simona B."
            fakeController.doorMode = false
            fakeController.roomMode = false
            fakeController.doorClosed = false
            fakeController.leaving = false
            fakeController.room = ""
            fakeController.sessionTitle = ""
            fakeController.sessionRoom = ""
            fakeController.nextSessionTitle = ""
            fakeController.nextSessionTime = ""
            fakeController.setupProblem = ""
            fakeController.messageKey = ""
        }

        function test_confirmShowsTheDelegateAndYesConfirms() {
            const page = createTemporaryObject(confirmComponent, root)
            waitForRendering(page)
            verify(findText(page, "Simona B.") !== null)
            verify(findText(page, "City official") !== null)
            const yes = findText(page, "Yes, print my badge")
            verify(yes !== null)
            mouseClick(yes)
            compare(fakeController.confirmed, 1)
            const no = findText(page, "No, this is not me")
            mouseClick(no)
            compare(fakeController.rejected, 1)
        }

        function test_confirmIsKeyboardUsable() {
            const page = createTemporaryObject(confirmComponent, root)
            waitForRendering(page)
            keyClick(Qt.Key_Space)
            compare(fakeController.confirmed, 1)
        }

        function test_problemOffersRetryOnlyWhenPossible() {
            fakeController.messageKey = "unreachable"
            let page = createTemporaryObject(problemComponent, root)
            waitForRendering(page)
            verify(findText(page, "The check-in server cannot be reached") !== null)
            verify(!findText(page, "Try again").visible)
            page.destroy()
            fakeController.canRetry = true
            page = createTemporaryObject(problemComponent, root)
            waitForRendering(page)
            const retry = findText(page, "Try again")
            verify(retry.visible)
            mouseClick(retry)
            compare(fakeController.retried, 1)
        }

        function test_alreadyCheckedInSaysWhen() {
            fakeController.messageKey = "already_checked_in"
            fakeController.previousCheckIn = "12/05/2026 09:14"
            const page = createTemporaryObject(problemComponent, root)
            verify(findText(page, "You are already checked in") !== null)
            verify(findText(page, "Checked in: 12/05/2026 09:14. For a second badge, please go to the help desk.") !== null)
        }

        function test_welcomeLanguageButtonsSwitchLanguage() {
            const page = createTemporaryObject(welcomeComponent, root)
            const czech = findText(page, "Čeština")
            verify(czech !== null)
            mouseClick(czech.parent)
            compare(fakeController.language, "cs")
        }

        function test_welcomeOffersTheNameSearch() {
            const page = createTemporaryObject(welcomeComponent, root)
            const find = findText(page, "No QR code? Find your name")
            verify(find !== null && find.visible)
            mouseClick(find)
            compare(fakeController.searchesOpened, 1)
        }

        function test_searchTypesAndPicksAName() {
            const page = createTemporaryObject(searchComponent, root)
            waitForRendering(page)
            keyClick(Qt.Key_S)
            keyClick(Qt.Key_I)
            compare(fakeController.searched[fakeController.searched.length - 1], "si")
            fakeController.searchResults = [{ "id": 7, "name": "Petra N.", "affiliation": "Brno" },
                                            { "id": 42, "name": "Simona B.", "affiliation": "Vilnius" }]
            waitForRendering(page)
            const simona = findText(page, "\u2068Simona B.\u2069, \u2068Vilnius\u2069")
            verify(simona !== null)
            mouseClick(simona)
            compare(fakeController.chosen, [42])
            mouseClick(findText(page, "Back"))
            compare(fakeController.restarted, 1)
        }

        // A right-to-left name keeps its own order inside a left-to-right line, which stays left
        // to right and starts at the left where it is not centred.
        function test_rightToLeftNamesDoNotTurnTheirLinesAround() {
            fakeController.delegateName = "محمد د."
            let page = createTemporaryObject(proofComponent, root)
            waitForRendering(page)
            const heading = findText(page, "\u2068محمد د.\u2069, please confirm it is you")
            verify(heading !== null)
            compare(heading.effectiveHorizontalAlignment, Text.AlignLeft)
            page.destroy()
            page = createTemporaryObject(doneComponent, root)
            verify(findText(page, "\u2068محمد د.\u2069, you are checked in. Enjoy the conference!") !== null)
            page.destroy()
            page = createTemporaryObject(searchComponent, root)
            fakeController.searchResults = [{ "id": 13, "name": "محمد د.", "affiliation": "Berlin" }]
            waitForRendering(page)
            verify(findText(page, "\u2068محمد د.\u2069, \u2068Berlin\u2069") !== null)
            page.destroy()
            fakeStaff.page = StaffController.Home
            fakeStaff.searchResults = [{ "id": 13, "name": "محمد د.", "affiliation": "Berlin" },
                                       { "id": 14, "name": "Jan N.", "affiliation": "Brno",
                                         "organisation": "Masaryk University" }]
            page = createTemporaryObject(staffComponent, root)
            waitForRendering(page)
            verify(findText(page, "\u2068محمد د.\u2069, \u2068Berlin\u2069") !== null)
            verify(findText(page, "\u2068Jan N.\u2069, \u2068Brno\u2069 · \u2068Masaryk University\u2069") !== null,
                   "staff tell two people of one city apart by their organisation")
            fakeStaff.searchResults = []
            fakeStaff.personName = "محمد درويش"
            fakeStaff.personAffiliation = "الجمعية السورية في برلين"
            fakeStaff.page = StaffController.Person
            waitForRendering(page)
            const name = findText(page, "محمد درويش")
            compare(name.effectiveHorizontalAlignment, Text.AlignLeft)
            compare(findText(page, "الجمعية السورية في برلين").effectiveHorizontalAlignment, Text.AlignLeft)
            fakeStaff.page = StaffController.Printed
            verify(findText(page, "The badge of \u2068محمد درويش\u2069 is printed.") !== null)
            fakeStaff.page = StaffController.Pin
            fakeStaff.personName = "Тарас Шевченко"
            fakeStaff.personAffiliation = "Kyiv City Council"
        }

        function test_aDoorForAnUnknownSessionAsksForStaff() {
            fakeController.doorMode = true
            fakeController.sessionId = 999
            fakeController.setupProblem = "unknown_session"
            const page = createTemporaryObject(setupProblemComponent, root)
            waitForRendering(page)
            verify(findText(page, "This door is set up for session 999, which the event does not have.") !== null)
            verify(findText(page, "Please call staff.") !== null)
            fakeController.doorMode = false
            fakeController.setupProblem = ""
        }

        function test_aRoomsDoorSaysWhenItIsClosedAndWhatIsNext() {
            fakeController.doorMode = true
            fakeController.roomMode = true
            fakeController.room = "Room B"
            fakeController.doorClosed = true
            fakeController.nextSessionTitle = "Youth panel"
            fakeController.nextSessionTime = "14:00"
            const page = createTemporaryObject(welcomeComponent, root)
            waitForRendering(page)
            verify(findText(page, "Room B").visible)
            verify(findText(page, "No session in this room now").visible)
            verify(findText(page, "Next: \u2068Youth panel\u2069 at 14:00").visible)
            verify(!findText(page, "Scan your badge to enter.").visible)
            verify(!findText(page, "Welcome!").visible)

            fakeController.nextSessionTitle = "Budgets: 50%1 vs 50%2 ($&)"
            verify(findText(page, "Next: \u2068Budgets: 50%1 vs 50%2 ($&)\u2069 at 14:00").visible)

            fakeController.nextSessionTitle = ""
            fakeController.nextSessionTime = ""
            verify(findText(page, "There are no more sessions in this room.").visible)

            // The next session opens: the same page shows it, ready for scans.
            fakeController.doorClosed = false
            fakeController.sessionTitle = "Youth panel"
            fakeController.sessionRoom = "Room B"
            verify(findText(page, "Youth panel").visible)
            verify(findText(page, "Scan your badge to enter.").visible)
            verify(!findText(page, "No session in this room now").visible)
            verify(!findText(page, "There are no more sessions in this room.").visible)
        }

        function test_aSessionsDoorChecksOutWhoSaysTheyAreLeaving() {
            fakeController.doorMode = true
            fakeController.sessionTitle = "Housing workshop"
            fakeController.sessionRoom = "Room B"
            const page = createTemporaryObject(welcomeComponent, root)
            waitForRendering(page)
            const button = findChild(page, "leaving")
            verify(button.visible)
            compare(button.text, "I am leaving")
            mouseClick(button)
            verify(fakeController.leaving)
            verify(findText(page, "Scan your badge to leave.").visible)
            compare(button.text, "I am entering")
            mouseClick(button)
            verify(!fakeController.leaving)
            verify(findText(page, "Scan your badge to enter.").visible)

            // Not at a closed door, and not at the entrance.
            fakeController.doorClosed = true
            verify(!button.visible)
            fakeController.doorClosed = false
            fakeController.doorMode = false
            verify(!button.visible)
        }

        function test_aDoorSaysGoodbyeToWhoLeaves() {
            fakeController.doorMode = true
            fakeController.messageKey = "door_left"
            let page = createTemporaryObject(doorComponent, root)
            waitForRendering(page)
            verify(findText(page, "Goodbye").visible)
            verify(findText(page, "Simona B.").visible)
            verify(findText(page, "✓").visible)
            page.destroy()
            fakeController.messageKey = "not_checked_in"
            page = createTemporaryObject(doorComponent, root)
            verify(findText(page, "Not checked in to this session").visible)
        }

        function test_aScanAtAClosedDoorSaysWhenItOpens() {
            fakeController.doorMode = true
            fakeController.roomMode = true
            fakeController.doorClosed = true
            fakeController.messageKey = "door_closed"
            fakeController.delegateName = ""
            fakeController.nextSessionTitle = "Youth panel"
            let page = createTemporaryObject(doorComponent, root)
            waitForRendering(page)
            verify(findText(page, "No session in this room now") !== null)
            verify(findText(page, "Check-in for the next session opens 15 minutes before it starts.").visible)
            page.destroy()
            fakeController.nextSessionTitle = ""
            page = createTemporaryObject(doorComponent, root)
            verify(findText(page, "There are no more sessions in this room.").visible)
        }

        function test_aDoorForAnUnknownRoomAsksForStaff() {
            fakeController.doorMode = true
            fakeController.roomMode = true
            fakeController.room = "Sál Z"
            fakeController.setupProblem = "unknown_room"
            const page = createTemporaryObject(setupProblemComponent, root)
            waitForRendering(page)
            verify(findText(page, "This door is set up for the room “\u2068Sál Z\u2069”, which no session of the event uses.") !== null)
            verify(findText(page, "Please call staff.") !== null)
        }

        function test_searchSaysWhenNothingMatches() {
            fakeController.searchQuery = "zz"
            const page = createTemporaryObject(searchComponent, root)
            waitForRendering(page)
            verify(findText(page, "No name found yet. Try fewer letters, or go to the help desk.").visible)
            fakeController.searchQuery = ""
        }

        function test_welcomeOffersStaffModeOnlyWhereThereIsOne() {
            fakeStaff.available = true
            const page = createTemporaryObject(welcomeWithStaffComponent, root)
            const staff = findText(page, "Staff")
            verify(staff !== null && staff.visible)
            mouseClick(staff)
            compare(fakeStaff.opened, 1)
            fakeStaff.available = false
            verify(!staff.visible)
            fakeStaff.available = true
        }

        // In Arabic, Welcome reads from the right: Staff in the top left corner, the pictogram right
        // of the scan prompt, the language bar starting from the right.
        function test_arabicWelcomeIsMirrored() {
            fakeStaff.available = true
            let page = createTemporaryObject(welcomeWithStaffComponent, root)
            waitForRendering(page)
            verify(middleOf(findNamed(page, "staffMode"), page) > page.width / 2)
            verify(middleOf(findNamed(page, "scanPictogram"), page) < middleOf(findNamed(page, "scanPrompt"), page))
            verify(middleOf(findNamed(page, "language_en"), page) < middleOf(findNamed(page, "language_cs"), page))
            page.destroy()

            verify(kioskTranslator.use("ar"))
            fakeController.language = "ar"
            page = createTemporaryObject(welcomeWithStaffComponent, mirrored)
            waitForRendering(page)
            compare(findNamed(page, "welcomeHeading").text, "أهلًا وسهلًا!")
            verify(middleOf(findNamed(page, "staffMode"), page) < page.width / 2)
            verify(middleOf(findNamed(page, "scanPictogram"), page) > middleOf(findNamed(page, "scanPrompt"), page))
            verify(middleOf(findNamed(page, "language_en"), page) > middleOf(findNamed(page, "language_cs"), page))
            compare(findNamed(page, "language_ar").color, "#003a8c", "the current language is filled in")
            compare(findNamed(page, "language_en").color, "#ffffff")
        }

        // A number pad reads 1 2 3 from the left in every language.
        function test_staffPinPadIsNotMirrored() {
            const page = createTemporaryObject(staffPinComponent, mirrored)
            waitForRendering(page)
            verify(middleOf(findText(page, "1"), page) < middleOf(findText(page, "3"), page))
            verify(middleOf(findText(page, "Cancel"), page) > middleOf(findText(page, "3"), page),
                   "what to do on the right, the pad on the left")
        }

        function test_staffPinPadHidesTheDigitsAndSendsThem() {
            fakeStaff.pins = []
            const page = createTemporaryObject(staffPinComponent, root)
            waitForRendering(page)
            for (const digit of ["2", "4", "6", "8"]) mouseClick(findText(page, digit))
            compare(findText(page, "●●●●") !== null, true)
            verify(findText(page, "2468") === null)
            mouseClick(findText(page, "OK"))
            compare(fakeStaff.pins, ["2468"])
            keyClick(Qt.Key_1)
            keyClick(Qt.Key_3)
            keyClick(Qt.Key_5)
            keyClick(Qt.Key_7)
            keyClick(Qt.Key_Return)
            compare(fakeStaff.pins, ["2468", "1357"])
            fakeStaff.messageKey = "locked_out"
            verify(findText(page, "Too many wrong PINs. This kiosk is locked for staff for a while.") !== null)
            fakeStaff.messageKey = ""
        }

        function test_staffPageShowsThePrinterAndTheRightPrint() {
            fakeStaff.page = StaffController.Person
            fakeStaff.prints = 0
            fakeStaff.checkedInAt = ""
            const page = createTemporaryObject(staffComponent, root)
            waitForRendering(page)
            verify(findText(page, "Printer out of paper") !== null)
            verify(findText(page, "badges: media-empty") !== null)
            verify(findText(page, "Taras Shevchenko") !== null)
            verify(findText(page, "Not checked in yet. No badge printed yet.") !== null)
            const notes = findChild(page, "staffNotes")
            verify(!notes.visible)
            fakeStaff.personNotes = "wheelchair user: step-free route to Hall B"
            verify(notes.visible)
            compare(notes.text, "Notes: wheelchair user: step-free route to Hall B")
            fakeStaff.personNotes = ""
            const oldBadge = findChild(page, "staffOldBadge")
            verify(!oldBadge.visible)
            fakeStaff.scannedOldBadge = true
            verify(oldBadge.visible)
            compare(oldBadge.text, "The code scanned is from an old badge, which no longer works.")
            fakeStaff.scannedOldBadge = false
            mouseClick(findText(page, "Check in and print badge"))
            compare(fakeStaff.prints, 1)
            // Checked in (by staff, or at a session door) but never printed: a first badge.
            fakeStaff.checkedInAt = "12/05/2026 09:14"
            verify(findText(page, "Checked in: 12/05/2026 09:14. No badge printed yet.") !== null)
            verify(findText(page, "Print badge again") === null)
            mouseClick(findText(page, "Print badge"))
            compare(fakeStaff.prints, 2)
            fakeStaff.badgePrinted = true
            verify(findText(page, "Checked in: 12/05/2026 09:14. A badge was printed before.") !== null)
            verify(findText(page, "Print badge again") !== null)
            verify(findText(page, "Print badge") === null)
            keyClick(Qt.Key_Space)
            compare(fakeStaff.prints, 3, "the print button has the keyboard focus")
            mouseClick(findText(page, "Leave staff mode"))
            compare(fakeStaff.closed, 1)
            fakeStaff.page = StaffController.Pin
            fakeStaff.badgePrinted = false
        }

        function test_proofSendsWhatWasTypedAndShowsTriesLeft() {
            const page = createTemporaryObject(proofComponent, root)
            waitForRendering(page)
            // A non-breaking hyphen: "e-" must not end a line with "mail" on the next.
            verify(findText(page, "Type the first 4 letters of the e\u2011mail address you registered with.") !== null)
            verify(!findText(page, "That does not match. 3 tries left.").visible)
            keyClick(Qt.Key_S)
            keyClick(Qt.Key_I)
            keyClick(Qt.Key_M)
            keyClick(Qt.Key_O)
            keyClick(Qt.Key_X)  // Beyond the proof's length: ignored.
            mouseClick(findText(page, "Check in"))
            compare(fakeController.proofs, ["simo"])
            fakeController.proofRejected = true
            fakeController.proofAttemptsLeft = 2
            verify(findText(page, "That does not match. 2 tries left.").visible)
        }

        function test_searchSaysToTypeMoreWhenMoreMatch() {
            const page = createTemporaryObject(searchComponent, root)
            waitForRendering(page)
            const more = findText(page, "More names match than fit here: type more letters of your name.")
            verify(more !== null && !more.visible)
            fakeController.moreResults = true
            verify(more.visible)
        }

        function test_doneEndsTheVisit() {
            const page = createTemporaryObject(doneComponent, root)
            waitForRendering(page)
            mouseClick(findText(page, "Done"))
            compare(fakeController.visitsEnded, 1)
            compare(fakeController.restarted, 0)
        }

        function test_offlineKioskSaysSoOnWelcomeAndAtTheDoor() {
            const offline = "This kiosk is offline: please use another kiosk or the help desk."
            const page = createTemporaryObject(welcomeComponent, root)
            waitForRendering(page)
            verify(!findText(page, offline).visible)
            fakeController.offline = true
            verify(findText(page, offline).visible)
            fakeController.doorMode = true
            verify(findText(page, offline).visible)
        }

        function test_printingSaysWhoseBadge() {
            const page = createTemporaryObject(printingComponent, root)
            waitForRendering(page)
            verify(findText(page, "Printing your badge, \u2068Simona\u2069…") !== null)
        }

        function test_someoneAlreadyInsideIsGreenAtTheDoor() {
            fakeController.doorMode = true
            fakeController.messageKey = "door_already_in"
            const page = createTemporaryObject(doorComponent, root)
            waitForRendering(page)
            verify(findText(page, "You are already in") !== null)
            compare(page.color, Qt.color("#0b6b2b"))
            fakeController.messageKey = "scan_again"
            verify(findText(page, "Please scan again") !== null)
            compare(page.color, Qt.color("#8a5a00"))
        }
    }
}
