import QtQuick
import QtTest
import Lanyard.Kiosk
import Lanyard.Kiosk.Testing

// The kiosk pages on the real KioskController and StaffController over the fake client and
// printer (KioskTestRig), under the offscreen platform. Longer than 600 lines: every page's tests
// share this TestCase's rig helpers, which a split would first have to move into a component.
Item {
    id: root
    width: 1280
    height: 800

    // A code as long as a badge's: the kiosk takes it for a whole one.
    readonly property string badgeCode: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".repeat(4).slice(0, 120)

    Component { id: rigComponent; KioskTestRig {} }
    Component { id: staffPinComponent; StaffPinPage { anchors.fill: parent } }
    Component { id: staffComponent; StaffPage { anchors.fill: parent } }
    Component { id: welcomeComponent; WelcomePage { anchors.fill: parent } }
    Component { id: confirmComponent; ConfirmPage { anchors.fill: parent } }
    Component { id: problemComponent; ProblemPage { anchors.fill: parent } }
    Component { id: searchComponent; SearchPage { anchors.fill: parent } }
    Component { id: proofComponent; ProofPage { anchors.fill: parent } }
    Component { id: doneComponent; DonePage { anchors.fill: parent } }
    Component { id: setupProblemComponent; SetupProblemPage { anchors.fill: parent } }
    Component { id: doorComponent; DoorPage { anchors.fill: parent } }
    Component { id: printingComponent; PrintingPage { anchors.fill: parent; printing: true } }

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

        // Every kiosk made, kept until the pages on them are gone.
        property var rigs: []
        function newRig() {
            const rig = rigComponent.createObject(root)
            rigs.push(rig)
            return rig
        }
        // A loaded kiosk, at the entrance unless `setUp(rig)`, which runs before it starts, puts it
        // at a door.
        function kiosk(setUp) {
            const rig = newRig()
            if (setUp) setUp(rig)
            rig.start()
            verify(rig.controller.connected, "the kiosk loaded the event")
            return rig
        }
        // At the door of "Housing workshop" (session 5, in Room B), which is on from 11:00 to 13:00.
        function sessionDoor() {
            return kiosk(rig => {
                rig.setSessions([{ id: 5, title: "Housing workshop", room: "Room B",
                                   start: "2026-05-12T11:00:00+02:00", end: "2026-05-12T13:00:00+02:00" }])
                rig.setSession(5)
            })
        }
        // At Room B's door at noon; its only session, "Youth panel", is on from 14:00 to 15:00.
        function roomDoor() {
            return kiosk(rig => {
                rig.setSessions([{ id: 4, title: "Youth panel", room: "Room B",
                                   start: "2026-05-12T14:00:00+02:00", end: "2026-05-12T15:00:00+02:00" }])
                rig.setRoom("Room B")
            })
        }
        // A page of `component` on the kiosk's controller (and staff mode, for Welcome).
        function pageOf(component, rig, parent) {
            const properties = component === welcomeComponent ? { controller: rig.controller, staff: rig.staff }
                             : { controller: rig.controller }
            return createTemporaryObject(component, parent || root, properties)
        }
        function staffPageOf(component, rig, parent) {
            return createTemporaryObject(component, parent || root, { staff: rig.staff })
        }
        function scan(rig, code) {
            rig.controller.submitCode(code || root.badgeCode)
            verify(rig.settle())
        }
        // "Find your name", `query` typed.
        function findName(rig, query) {
            rig.controller.openSearch()
            rig.controller.search(query)
            verify(rig.settle())
        }
        // Simona B. found by name: "Is this you?".
        function chooseSimona(rig) {
            findName(rig, "si")
            rig.controller.choose(42)
            compare(rig.controller.page, KioskController.Confirm)
        }
        // Staff mode open with the right PIN, on its search.
        function openStaff(rig) {
            rig.staff.open()
            rig.staff.submitPin("2468")
            verify(rig.settle())
            compare(rig.staff.page, StaffController.Home)
        }
        // Staff mode on Тарас Шевченко again, as the server has him now.
        function chooseTaras(rig) {
            if (rig.staff.page !== StaffController.Home) rig.staff.back()
            rig.staff.choose(7)
            verify(rig.settle())
            compare(rig.staff.page, StaffController.Person)
        }

        function init() {
            wait(0)  // Lets the previous test's pages be deleted, so that none covers this one's.
            kioskTranslator.use("en")
        }
        function cleanupTestCase() {
            wait(0)  // The last test's pages go first: the kiosks' controllers are under them.
            for (const rig of rigs) rig.destroy()
        }

        function test_confirmShowsTheDelegateAndYesConfirms() {
            const rig = kiosk()
            chooseSimona(rig)
            const page = pageOf(confirmComponent, rig)
            waitForRendering(page)
            verify(findText(page, "Simona B.") !== null)
            verify(findText(page, "City official") !== null)
            const yes = findText(page, "Yes, print my badge")
            verify(yes !== null)
            // "No" first, since "Yes" moves on: back to the names found, and to Simona again.
            mouseClick(findText(page, "No, this is not me"))
            compare(rig.controller.page, KioskController.Search, "rejected")
            rig.controller.choose(42)
            mouseClick(yes)
            compare(rig.controller.page, KioskController.Proof, "confirmed")
        }

        function test_confirmIsKeyboardUsable() {
            const rig = kiosk()
            chooseSimona(rig)
            const page = pageOf(confirmComponent, rig)
            waitForRendering(page)
            keyClick(Qt.Key_Space)
            compare(rig.controller.page, KioskController.Proof, "confirmed")
        }

        function test_problemOffersRetryOnlyWhenPossible() {
            const rig = kiosk()
            rig.setCheckInAnswer({ outcome: "Cancelled" })
            scan(rig)
            let page = pageOf(problemComponent, rig)
            waitForRendering(page)
            verify(findText(page, "This registration is cancelled") !== null)
            verify(!findText(page, "Try again").visible)
            page.destroy()

            rig.setCheckInAnswer({ error: "unreachable" })
            scan(rig)
            page = pageOf(problemComponent, rig)
            waitForRendering(page)
            verify(findText(page, "The check-in server cannot be reached") !== null)
            const retry = findText(page, "Try again")
            verify(retry.visible)
            rig.setCheckInAnswer({ outcome: "Admitted" })
            mouseClick(retry)
            verify(rig.settle())
            compare(rig.checkIns().length, 3, "retried")
            compare(rig.controller.page, KioskController.Done)
        }

        function test_alreadyCheckedInSaysWhen() {
            const rig = kiosk()
            rig.setCheckInAnswer({ outcome: "AlreadyCheckedIn", previousTime: "2026-05-12T09:14:00+02:00",
                                   badgePrinted: true })
            scan(rig)
            const page = pageOf(problemComponent, rig)
            verify(findText(page, "You are already checked in") !== null)
            verify(findText(page, "Checked in: 12/05/2026 09:14. For a second badge, please go to the help desk.") !== null)
        }

        function test_welcomeLanguageButtonsSwitchLanguage() {
            const rig = kiosk()
            const page = pageOf(welcomeComponent, rig)
            const czech = findText(page, "Čeština")
            verify(czech !== null)
            mouseClick(czech.parent)
            compare(rig.controller.language, "cs")
        }

        function test_welcomeOffersTheNameSearch() {
            const rig = kiosk()
            const page = pageOf(welcomeComponent, rig)
            const find = findText(page, "No QR code? Find your name")
            verify(find !== null && find.visible)
            mouseClick(find)
            compare(rig.controller.page, KioskController.Search)
        }

        function test_searchTypesAndPicksAName() {
            const rig = kiosk()
            rig.setSearchMatches([{ id: 7, displayName: "Petra N.", affiliation: "Brno" },
                                  { id: 42, displayName: "Simona B.", affiliation: "Vilnius" }])
            rig.controller.openSearch()
            const page = pageOf(searchComponent, rig)
            waitForRendering(page)
            keyClick(Qt.Key_S)
            keyClick(Qt.Key_I)
            verify(rig.settle())
            const queries = rig.searchQueries()
            compare(queries[queries.length - 1], "si")
            waitForRendering(page)
            const simona = findText(page, "\u2068Simona B.\u2069, \u2068Vilnius\u2069")
            verify(simona !== null)
            mouseClick(simona)
            compare(rig.controller.page, KioskController.Confirm)
            compare(rig.controller.delegateName, "Simona B.", "chosen")
            mouseClick(findText(page, "Back"))
            compare(rig.controller.page, KioskController.Welcome, "started over")
        }

        // A right-to-left name keeps its own order inside a left-to-right line, which stays left
        // to right and starts at the left where it is not centred.
        function test_rightToLeftNamesDoNotTurnTheirLinesAround() {
            const rig = kiosk()
            rig.setSearchMatches([{ id: 13, givenName: "محمد", displayName: "محمد د.", affiliation: "Berlin" }])
            findName(rig, "mo")
            rig.controller.choose(13)
            rig.controller.confirm()
            let page = pageOf(proofComponent, rig)
            waitForRendering(page)
            const heading = findText(page, "\u2068محمد د.\u2069, please confirm it is you")
            verify(heading !== null)
            compare(heading.effectiveHorizontalAlignment, Text.AlignLeft)
            page.destroy()
            page = pageOf(doneComponent, rig)
            verify(findText(page, "\u2068محمد د.\u2069, you are checked in. Enjoy the conference!") !== null)
            page.destroy()
            page = pageOf(searchComponent, rig)
            waitForRendering(page)
            verify(findText(page, "\u2068محمد د.\u2069, \u2068Berlin\u2069") !== null)
            page.destroy()

            openStaff(rig)
            rig.setSearchMatches([{ id: 13, displayName: "محمد د.", affiliation: "Berlin" },
                                  { id: 14, displayName: "Jan N.", affiliation: "Brno", organisation: "Masaryk University" }])
            rig.staff.search("mo")
            verify(rig.settle())
            page = staffPageOf(staffComponent, rig)
            waitForRendering(page)
            verify(findText(page, "\u2068محمد د.\u2069, \u2068Berlin\u2069") !== null)
            verify(findText(page, "\u2068Jan N.\u2069, \u2068Brno\u2069 · \u2068Masaryk University\u2069") !== null,
                   "staff tell two people of one city apart by their organisation")
            rig.setStaffBadge({ givenName: "محمد", familyName: "درويش", latinName: "",
                                affiliation: "الجمعية السورية في برلين" })
            chooseTaras(rig)
            waitForRendering(page)
            const name = findText(page, "محمد درويش")
            compare(name.effectiveHorizontalAlignment, Text.AlignLeft)
            compare(findText(page, "الجمعية السورية في برلين").effectiveHorizontalAlignment, Text.AlignLeft)
            rig.staff.printBadge()
            verify(rig.settle())
            compare(rig.staff.page, StaffController.Printed)
            verify(findText(page, "The badge of \u2068محمد درويش\u2069 is printed.") !== null)
        }

        function test_aDoorForAnUnknownSessionAsksForStaff() {
            const rig = newRig()
            rig.setSession(999)
            rig.start()
            compare(rig.controller.setupProblem, "unknown_session")
            const page = pageOf(setupProblemComponent, rig)
            waitForRendering(page)
            verify(findText(page, "This door is set up for session 999, which the event does not have.") !== null)
            verify(findText(page, "Please call staff.") !== null)
        }

        function test_aRoomsDoorSaysWhenItIsClosedAndWhatIsNext() {
            const rig = roomDoor()
            const page = pageOf(welcomeComponent, rig)
            waitForRendering(page)
            verify(findText(page, "Room B").visible)
            verify(findText(page, "No session in this room now").visible)
            verify(findText(page, "Next: \u2068Youth panel\u2069 at 14:00").visible)
            verify(!findText(page, "Scan your badge to enter.").visible)
            verify(!findText(page, "Welcome!").visible)

            const youthPanel = { id: 4, title: "Youth panel", room: "Room B",
                                 start: "2026-05-12T14:00:00+02:00", end: "2026-05-12T15:00:00+02:00" }
            rig.setSessions([Object.assign({}, youthPanel, { title: "Budgets: 50%1 vs 50%2 ($&)" })])
            rig.reloadSessions()
            verify(findText(page, "Next: \u2068Budgets: 50%1 vs 50%2 ($&)\u2069 at 14:00").visible)
            rig.setSessions([youthPanel])
            rig.reloadSessions()

            // The session opens: the same page shows it, ready for scans.
            rig.setTime("2026-05-12T14:00:00+02:00")
            compare(rig.controller.door.closed, false)
            verify(findText(page, "Youth panel").visible)
            verify(findText(page, "Scan your badge to enter.").visible)
            verify(!findText(page, "No session in this room now").visible)
            verify(!findText(page, "There are no more sessions in this room.").visible)

            rig.setTime("2026-05-12T15:00:00+02:00")
            verify(findText(page, "There are no more sessions in this room.").visible)
        }

        function test_aSessionsDoorChecksOutWhoSaysTheyAreLeaving() {
            const rig = sessionDoor()
            const page = pageOf(welcomeComponent, rig)
            waitForRendering(page)
            const button = findChild(page, "leaving")
            verify(button.visible)
            compare(button.text, "I am leaving")
            mouseClick(button)
            verify(rig.controller.door.leaving)
            verify(findText(page, "Scan your badge to leave.").visible)
            compare(button.text, "I am entering")
            mouseClick(button)
            verify(!rig.controller.door.leaving)
            verify(findText(page, "Scan your badge to enter.").visible)

            // Not at a closed door, and not at the entrance.
            rig.setTime("2026-05-12T13:00:00+02:00")
            verify(rig.controller.door.closed)
            verify(!button.visible)
            const entrance = pageOf(welcomeComponent, kiosk())
            verify(!findChild(entrance, "leaving").visible)
        }

        function test_aDoorSaysGoodbyeToWhoLeaves() {
            const rig = sessionDoor()
            rig.setCheckInAnswer({ outcome: "CheckedOut" })
            rig.controller.setLeaving(true)
            scan(rig)
            compare(rig.controller.messageKey, "door_left")
            let page = pageOf(doorComponent, rig)
            waitForRendering(page)
            verify(findText(page, "Goodbye").visible)
            verify(findText(page, "Simona B.").visible)
            verify(findText(page, "✓").visible)
            page.destroy()
            rig.setCheckInAnswer({ outcome: "NotCheckedIn" })
            scan(rig)
            page = pageOf(doorComponent, rig)
            verify(findText(page, "Not checked in to this session").visible)
        }

        function test_aScanAtAClosedDoorSaysWhenItOpens() {
            const rig = roomDoor()
            scan(rig)
            compare(rig.controller.messageKey, "door_closed")
            compare(rig.controller.delegateName, "")
            let page = pageOf(doorComponent, rig)
            waitForRendering(page)
            verify(findText(page, "No session in this room now") !== null)
            verify(findText(page, "Check-in for the next session opens 15 minutes before it starts.").visible)
            page.destroy()
            rig.setTime("2026-05-12T15:00:00+02:00")
            scan(rig)
            page = pageOf(doorComponent, rig)
            verify(findText(page, "There are no more sessions in this room.").visible)
        }

        function test_aDoorForAnUnknownRoomAsksForStaff() {
            const rig = newRig()
            rig.setRoom("Sál Z")
            rig.start()
            compare(rig.controller.setupProblem, "unknown_room")
            const page = pageOf(setupProblemComponent, rig)
            waitForRendering(page)
            verify(findText(page, "This door is set up for the room “\u2068Sál Z\u2069”, which no session of the event uses.") !== null)
            verify(findText(page, "Please call staff.") !== null)
        }

        function test_searchSaysWhenNothingMatches() {
            const rig = kiosk()
            rig.setSearchMatches([])
            findName(rig, "zz")
            const page = pageOf(searchComponent, rig)
            waitForRendering(page)
            verify(findText(page, "No name found yet. Try fewer letters, or go to the help desk.").visible)
        }

        function test_welcomeOffersStaffModeOnlyWhereThereIsOne() {
            const rig = kiosk()
            const page = pageOf(welcomeComponent, rig)
            const staff = findText(page, "Staff")
            verify(staff !== null && staff.visible)
            mouseClick(staff)
            compare(rig.staff.page, StaffController.Pin, "staff mode opened")
            rig.setEvent({ staffMode: false })
            verify(!staff.visible)
        }

        // In Arabic, Welcome reads from the right: Staff in the top left corner, the pictogram right
        // of the scan prompt, the language bar starting from the right.
        function test_arabicWelcomeIsMirrored() {
            const rig = kiosk()
            let page = pageOf(welcomeComponent, rig)
            waitForRendering(page)
            verify(middleOf(findNamed(page, "staffMode"), page) > page.width / 2)
            verify(middleOf(findNamed(page, "scanPictogram"), page) < middleOf(findNamed(page, "scanPrompt"), page))
            verify(middleOf(findNamed(page, "language_en"), page) < middleOf(findNamed(page, "language_cs"), page))
            page.destroy()

            verify(kioskTranslator.use("ar"))
            rig.controller.setLanguage("ar")
            page = pageOf(welcomeComponent, rig, mirrored)
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
            const rig = kiosk()
            rig.staff.open()
            const page = staffPageOf(staffPinComponent, rig, mirrored)
            waitForRendering(page)
            verify(middleOf(findText(page, "1"), page) < middleOf(findText(page, "3"), page))
            verify(middleOf(findText(page, "Cancel"), page) > middleOf(findText(page, "3"), page),
                   "what to do on the right, the pad on the left")
        }

        function test_staffPinPadHidesTheDigitsAndSendsThem() {
            const rig = kiosk()
            rig.setStaffPinAnswer("wrong")
            rig.staff.open()
            const page = staffPageOf(staffPinComponent, rig)
            waitForRendering(page)
            for (const digit of ["2", "4", "6", "8"]) mouseClick(findText(page, digit))
            compare(findText(page, "●●●●") !== null, true)
            verify(findText(page, "2468") === null)
            mouseClick(findText(page, "OK"))
            verify(rig.settle())
            compare(rig.staffPins(), ["2468"])
            keyClick(Qt.Key_1)
            keyClick(Qt.Key_3)
            keyClick(Qt.Key_5)
            keyClick(Qt.Key_7)
            keyClick(Qt.Key_Return)
            verify(rig.settle())
            compare(rig.staffPins(), ["2468", "1357"])
            rig.setStaffPinAnswer("locked_out")
            for (const key of [Qt.Key_0, Qt.Key_0, Qt.Key_0, Qt.Key_0, Qt.Key_Return]) keyClick(key)
            verify(rig.settle())
            verify(findText(page, "Too many wrong PINs. This kiosk is locked for staff for a while.") !== null)
        }

        function test_staffPageShowsThePrinterAndTheRightPrint() {
            const rig = kiosk()
            rig.setPrinter({ status: "paper_out", detail: "media-empty", name: "badges" })
            openStaff(rig)
            chooseTaras(rig)
            const page = staffPageOf(staffComponent, rig)
            waitForRendering(page)
            verify(findText(page, "Printer out of paper") !== null)
            verify(findText(page, "badges: media-empty") !== null)
            verify(findText(page, "Taras Shevchenko") !== null)
            verify(findText(page, "Not checked in yet. No badge printed yet.") !== null)
            const notes = findChild(page, "staffNotes")
            verify(!notes.visible)
            rig.setStaffBadge({ notes: "wheelchair user: step-free route to Hall B" })
            chooseTaras(rig)
            verify(notes.visible)
            compare(notes.text, "Notes: wheelchair user: step-free route to Hall B")
            rig.setStaffBadge({ notes: "" })
            chooseTaras(rig)
            const oldBadge = findChild(page, "staffOldBadge")
            verify(!oldBadge.visible)
            rig.setScanAnswer("superseded")
            rig.staff.submitCode(root.badgeCode)
            verify(rig.settle())
            verify(oldBadge.visible)
            compare(oldBadge.text, "The code scanned is from an old badge, which no longer works.")
            chooseTaras(rig)
            verify(!oldBadge.visible)
            mouseClick(findText(page, "Check in and print badge"))
            verify(rig.settle())
            compare(rig.printCount(), 1)
            // Checked in (by staff, or at a session door) but never printed: a first badge.
            rig.setStaffBadge({ checkedInAt: "2026-05-12T09:14:00+02:00", badgePrinted: false })
            chooseTaras(rig)
            verify(findText(page, "Checked in: 12/05/2026 09:14. No badge printed yet.") !== null)
            verify(findText(page, "Print badge again") === null)
            mouseClick(findText(page, "Print badge"))
            verify(rig.settle())
            compare(rig.printCount(), 2)
            rig.setStaffBadge({ badgePrinted: true })
            chooseTaras(rig)
            verify(findText(page, "Checked in: 12/05/2026 09:14. A badge was printed before.") !== null)
            verify(findText(page, "Print badge again") !== null)
            verify(findText(page, "Print badge") === null)
            keyClick(Qt.Key_Space)
            verify(rig.settle())
            compare(rig.printCount(), 3, "the print button has the keyboard focus")
            mouseClick(findText(page, "Leave staff mode"))
            verify(!rig.staff.active, "staff mode closed")
        }

        function test_proofSendsWhatWasTypedAndShowsTriesLeft() {
            const rig = kiosk()
            chooseSimona(rig)
            rig.controller.confirm()
            rig.setCheckInAnswer({ outcome: "WrongProof" })
            const page = pageOf(proofComponent, rig)
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
            verify(rig.settle())
            const checkIns = rig.checkIns()
            compare(checkIns.map(request => request.proof), ["simo"])
            compare(rig.controller.proofAttemptsLeft, 2)
            verify(findText(page, "That does not match. 2 tries left.").visible)
        }

        function test_searchSaysToTypeMoreWhenMoreMatch() {
            const rig = kiosk()
            rig.controller.openSearch()
            const page = pageOf(searchComponent, rig)
            waitForRendering(page)
            const more = findText(page, "More names match than fit here: type more letters of your name.")
            verify(more !== null && !more.visible)
            rig.setSearchMatches([{ id: 42, displayName: "Simona B.", affiliation: "Vilnius" }], true)
            rig.controller.search("si")
            verify(rig.settle())
            verify(more.visible)
        }

        // Done ends the visit: back to Welcome in the kiosk's own language, not the visitor's.
        function test_doneEndsTheVisit() {
            const rig = kiosk()
            rig.controller.setLanguage("de")
            scan(rig)
            compare(rig.controller.page, KioskController.Done)
            const page = pageOf(doneComponent, rig)
            waitForRendering(page)
            mouseClick(findText(page, "Done"))
            compare(rig.controller.page, KioskController.Welcome)
            compare(rig.controller.language, "en", "the visit ended rather than started over")
        }

        function test_offlineKioskSaysSoOnWelcomeAndAtTheDoor() {
            const offline = "This kiosk is offline: please use another kiosk or the help desk."
            const rig = kiosk()
            const page = pageOf(welcomeComponent, rig)
            waitForRendering(page)
            verify(!findText(page, offline).visible)
            rig.setServerReachable(false)
            verify(findText(page, offline).visible)
            const door = sessionDoor()
            door.setServerReachable(false)
            verify(findText(pageOf(welcomeComponent, door), offline).visible)
        }

        function test_staffModeShowsAKioskDecidingOnItsReplica() {
            const rig = kiosk()
            rig.setConnectionState(true, 3, new Date(2026, 5, 10, 9, 41).getTime())
            rig.staff.open()
            rig.staff.submitPin("2468")
            verify(rig.settle())
            const staffPage = staffPageOf(staffComponent, rig)
            waitForRendering(staffPage)
            verify(findChild(staffPage, "connectionState").visible)
            verify(findText(staffPage, "Offline: using this kiosk's copy · Waiting for upload: 3 · Copy from 09:41")
                   !== null)
            rig.setConnectionState(false, 0, new Date(2026, 5, 10, 9, 42).getTime())
            verify(findText(staffPage, "Online · Waiting for upload: 0 · Copy from 09:42") !== null)
        }

        function test_printingSaysWhoseBadge() {
            const rig = kiosk()
            rig.setPrinter({ hold: true })
            scan(rig)
            compare(rig.controller.page, KioskController.Printing)
            const page = pageOf(printingComponent, rig)
            waitForRendering(page)
            verify(findText(page, "Printing your badge, \u2068Simona\u2069…") !== null)
            rig.releasePrints()
        }

        function test_someoneAlreadyInsideIsGreenAtTheDoor() {
            const rig = kiosk(rig => {
                rig.setSessions([{ id: 5, title: "Housing workshop", room: "Room B",
                                   start: "2026-05-12T11:00:00+02:00", end: "2026-05-12T13:00:00+02:00" }])
                rig.setSession(5)
                rig.setEvent({ shortestCodeLength: 40 })
            })
            rig.setCheckInAnswer({ outcome: "AlreadyCheckedIn" })
            scan(rig)
            const page = pageOf(doorComponent, rig)
            waitForRendering(page)
            verify(findText(page, "You are already in") !== null)
            compare(page.color, Qt.color("#0b6b2b"))
            scan(rig, "ABCDEFGHIJ")  // Part of a code.
            compare(rig.controller.messageKey, "scan_again")
            verify(findText(page, "Please scan again") !== null)
            compare(page.color, Qt.color("#8a5a00"))
        }
    }
}
