<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>Category</name>
    <message>
        <location filename="../src/badge_data.cpp" line="18"/>
        <source>Delegate</source>
        <translation>Delegierte*r</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="18"/>
        <source>Speaker</source>
        <translation>Referent*in</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="19"/>
        <source>City official</source>
        <translation>Stadtverwaltung</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="19"/>
        <source>Community representative</source>
        <translation>Community-Vertretung</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="20"/>
        <source>Press</source>
        <translation>Presse</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="20"/>
        <source>Staff</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="21"/>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <location filename="../qml/ConfirmPage.qml" line="22"/>
        <source>Is this you?</source>
        <translation>Sind Sie das?</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmPage.qml" line="77"/>
        <source>Yes, print my badge</source>
        <translation>Ja, Namensschild drucken</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmPage.qml" line="78"/>
        <source>No, this is not me</source>
        <translation>Nein, das bin ich nicht</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../qml/DonePage.qml" line="30"/>
        <source>Welcome back!</source>
        <translation>Willkommen zurück!</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml" line="30"/>
        <source>Please take your badge.</source>
        <translation>Bitte nehmen Sie Ihr Namensschild.</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml" line="39"/>
        <source>%1, you are checked in. Enjoy the conference!</source>
        <translation>%1, Sie sind eingecheckt. Wir wünschen Ihnen eine gute Konferenz!</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml" line="45"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>DoorPage</name>
    <message>
        <location filename="../qml/DoorPage.qml" line="21"/>
        <source>Welcome in</source>
        <translation>Willkommen, bitte eintreten</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="22"/>
        <source>Goodbye</source>
        <translation>Auf Wiedersehen</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="23"/>
        <source>You are already in</source>
        <translation>Sie sind schon drin</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="24"/>
        <source>Please scan again</source>
        <translation>Bitte noch einmal scannen</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="25"/>
        <source>Not checked in to this session</source>
        <translation>Für diese Sitzung nicht eingecheckt</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="26"/>
        <source>Session full</source>
        <translation>Sitzung voll</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="27"/>
        <source>Not registered for this session</source>
        <translation>Nicht für diese Sitzung angemeldet</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="28"/>
        <source>Not open now</source>
        <translation>Jetzt nicht geöffnet</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="29"/>
        <source>Already checked in</source>
        <translation>Bereits eingecheckt</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="30"/>
        <source>This registration is cancelled</source>
        <translation>Diese Anmeldung wurde storniert</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="31"/>
        <source>We do not know this code</source>
        <translation>Dieser Code ist uns nicht bekannt</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="32"/>
        <source>This code is not valid</source>
        <translation>Dieser Code ist ungültig</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="33"/>
        <source>This code has been replaced</source>
        <translation>Dieser Code wurde ersetzt</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="34"/>
        <source>The check-in server cannot be reached</source>
        <translation>Der Check-in-Server ist nicht erreichbar</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="35"/>
        <source>No session in this room now</source>
        <translation>Gerade keine Sitzung in diesem Raum</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="36"/>
        <source>Please ask the staff at the door</source>
        <translation>Bitte fragen Sie das Personal an der Tür</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="45"/>
        <source>This session is over.</source>
        <translation>Diese Sitzung ist vorbei.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DoorPage.qml" line="47"/>
        <source>Check-in for the next session opens %n minute(s) before it starts.</source>
        <translation>
            <numerusform>Der Check-in für die nächste Sitzung öffnet %n Minute vor ihrem Beginn.</numerusform>
            <numerusform>Der Check-in für die nächste Sitzung öffnet %n Minuten vor ihrem Beginn.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DoorPage.qml" line="49"/>
        <source>Check-in opens %n minute(s) before the session starts.</source>
        <translation>
            <numerusform>Der Check-in öffnet %n Minute vor Beginn der Sitzung.</numerusform>
            <numerusform>Der Check-in öffnet %n Minuten vor Beginn der Sitzung.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="45"/>
        <source>There are no more sessions in this room.</source>
        <translation>In diesem Raum gibt es keine weiteren Sitzungen.</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="20"/>
        <source>Lanyard check-in</source>
        <translation>Lanyard-Check-in</translation>
    </message>
</context>
<context>
    <name>PrintingPage</name>
    <message>
        <location filename="../qml/PrintingPage.qml" line="30"/>
        <source>Printing your badge…</source>
        <translation>Ihr Namensschild wird gedruckt…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml" line="28"/>
        <source>One moment, please…</source>
        <translation>Einen Moment bitte…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml" line="29"/>
        <source>Printing your badge, %1…</source>
        <translation>Ihr Namensschild wird gedruckt, %1…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml" line="40"/>
        <source>Your badge will come out of the printer below.</source>
        <translation>Ihr Namensschild kommt unten aus dem Drucker.</translation>
    </message>
</context>
<context>
    <name>ProblemPage</name>
    <message>
        <location filename="../qml/ProblemPage.qml" line="13"/>
        <source>You are already checked in</source>
        <translation>Sie sind bereits eingecheckt</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="14"/>
        <source>Please scan again</source>
        <translation>Bitte noch einmal scannen</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="15"/>
        <source>This registration is cancelled</source>
        <translation>Diese Anmeldung wurde storniert</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="16"/>
        <source>We do not know this code</source>
        <translation>Dieser Code ist uns nicht bekannt</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="17"/>
        <source>This code is not valid</source>
        <translation>Dieser Code ist ungültig</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="18"/>
        <source>This code has been replaced</source>
        <translation>Dieser Code wurde ersetzt</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="19"/>
        <source>Your badge could not be printed</source>
        <translation>Ihr Namensschild konnte nicht gedruckt werden</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="20"/>
        <source>We could not confirm it is you</source>
        <translation>Wir konnten nicht bestätigen, dass Sie es sind</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="21"/>
        <source>You are not registered for this session</source>
        <translation>Sie sind für diese Sitzung nicht angemeldet</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="22"/>
        <source>This session is full</source>
        <translation>Diese Sitzung ist voll</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="23"/>
        <source>This session is not open now</source>
        <translation>Diese Sitzung ist jetzt nicht geöffnet</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="24"/>
        <source>This kiosk is not allowed to check in</source>
        <translation>Dieses Terminal darf nicht einchecken</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="25"/>
        <source>The check-in server cannot be reached</source>
        <translation>Der Check-in-Server ist nicht erreichbar</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="26"/>
        <source>Something went wrong</source>
        <translation>Etwas ist schiefgelaufen</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="33"/>
        <source>Checked in: %1. For a second badge, please go to the help desk.</source>
        <translation>Eingecheckt: %1. Für ein zweites Namensschild wenden Sie sich bitte an den Infoschalter.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="34"/>
        <source>For a second badge, please go to the help desk.</source>
        <translation>Für ein zweites Namensschild wenden Sie sich bitte an den Infoschalter.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="35"/>
        <source>A newer badge was issued for you. Please scan the newest code or go to the help desk.</source>
        <translation>Für Sie wurde ein neueres Namensschild ausgestellt. Bitte scannen Sie den neuesten Code oder wenden Sie sich an den Infoschalter.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="36"/>
        <source>Only part of the code was read. Hold it still under the scanner, a hand&apos;s width away.</source>
        <translation>Nur ein Teil des Codes wurde gelesen. Halten Sie ihn ruhig unter den Scanner, eine Handbreit entfernt.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="37"/>
        <source>You are checked in. Please go to the help desk for your badge.</source>
        <translation>Sie sind eingecheckt. Ihr Namensschild erhalten Sie am Infoschalter.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="38"/>
        <source>Please try again in a moment, or go to the help desk.</source>
        <translation>Bitte versuchen Sie es gleich noch einmal oder wenden Sie sich an den Infoschalter.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="39"/>
        <source>Please go to the help desk with an ID. We will print your badge there.</source>
        <translation>Bitte gehen Sie mit einem Ausweis zum Info-Schalter. Dort drucken wir Ihr Namensschild.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="40"/>
        <source>Please ask the staff at the door about other sessions.</source>
        <translation>Bitte fragen Sie das Personal an der Tür nach anderen Sitzungen.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="41"/>
        <source>Please go to the help desk. We will help you there.</source>
        <translation>Bitte wenden Sie sich an den Infoschalter. Dort hilft man Ihnen weiter.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="75"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="76"/>
        <source>Start over</source>
        <translation>Von vorn beginnen</translation>
    </message>
</context>
<context>
    <name>ProofPage</name>
    <message>
        <location filename="../qml/ProofPage.qml" line="30"/>
        <source>%1, please confirm it is you</source>
        <translation>%1, bitte bestätigen Sie, dass Sie es sind</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ProofPage.qml" line="38"/>
        <source>Type the first %n letter(s) of the e-mail address you registered with.</source>
        <translation>
            <numerusform>Geben Sie den ersten Buchstaben der E‑Mail-Adresse ein, mit der Sie sich angemeldet haben.</numerusform>
            <numerusform>Geben Sie die ersten %n Buchstaben der E‑Mail-Adresse ein, mit der Sie sich angemeldet haben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ProofPage.qml" line="47"/>
        <source>That does not match. %n try/tries left.</source>
        <translation>
            <numerusform>Das stimmt nicht. Noch %n Versuch.</numerusform>
            <numerusform>Das stimmt nicht. Noch %n Versuche.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ProofPage.qml" line="80"/>
        <source>Check in</source>
        <translation>Einchecken</translation>
    </message>
    <message>
        <location filename="../qml/ProofPage.qml" line="88"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>ReadingIndicator</name>
    <message>
        <location filename="../qml/ReadingIndicator.qml" line="21"/>
        <source>Reading…</source>
        <translation>Wird gelesen…</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../qml/SearchPage.qml" line="26"/>
        <source>Find your name</source>
        <translation>Finden Sie Ihren Namen</translation>
    </message>
    <message>
        <location filename="../qml/SearchPage.qml" line="42"/>
        <source>Type your first or last name</source>
        <translation>Vor- oder Nachnamen eingeben</translation>
    </message>
    <message>
        <location filename="../qml/SearchPage.qml" line="60"/>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../qml/SearchPage.qml" line="69"/>
        <source>More names match than fit here: type more letters of your name.</source>
        <translation>Es passen mehr Namen, als hier Platz haben: Tippen Sie weitere Buchstaben Ihres Namens.</translation>
    </message>
    <message>
        <location filename="../qml/SearchPage.qml" line="103"/>
        <source>No name found yet. Try fewer letters, or go to the help desk.</source>
        <translation>Noch kein Name gefunden. Versuchen Sie weniger Buchstaben oder gehen Sie zum Info-Schalter.</translation>
    </message>
</context>
<context>
    <name>SetupProblemPage</name>
    <message>
        <location filename="../qml/SetupProblemPage.qml" line="15"/>
        <source>This door is set up for session %1, which the event does not have.</source>
        <translation>Diese Tür ist für die Sitzung %1 eingerichtet, die es bei dieser Veranstaltung nicht gibt.</translation>
    </message>
    <message>
        <location filename="../qml/SetupProblemPage.qml" line="17"/>
        <source>This door is set up for the room “%1”, which no session of the event uses.</source>
        <translation>Diese Tür ist für den Raum „%1“ eingerichtet, in dem bei dieser Veranstaltung keine Sitzung stattfindet.</translation>
    </message>
    <message>
        <location filename="../qml/SetupProblemPage.qml" line="46"/>
        <source>Please call staff.</source>
        <translation>Bitte rufen Sie das Personal.</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <location filename="../qml/StaffPage.qml" line="19"/>
        <source>Printer ready</source>
        <translation>Drucker bereit</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="20"/>
        <source>Printer out of paper</source>
        <translation>Drucker hat kein Papier</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="21"/>
        <source>Printer offline</source>
        <translation>Drucker nicht verbunden</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="22"/>
        <source>Printer error</source>
        <translation>Druckerfehler</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="26"/>
        <source>No copy yet</source>
        <translation>Noch keine Kopie</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="27"/>
        <source>Copy from %1</source>
        <translation>Kopie von %1</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="31"/>
        <source>The check-in server cannot be reached. Please try again in a moment.</source>
        <translation>Der Check-in-Server ist nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="32"/>
        <source>The badge could not be printed. Check the printer, then try again.</source>
        <translation>Das Namensschild konnte nicht gedruckt werden. Prüfen Sie den Drucker und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="33"/>
        <source>This registration is cancelled: no badge.</source>
        <translation>Diese Anmeldung ist storniert: kein Namensschild.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="34"/>
        <source>This code belongs to no delegate.</source>
        <translation>Dieser Code gehört zu keiner teilnehmenden Person.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="35"/>
        <source>That did not work. Please try again, or use the admin tools.</source>
        <translation>Das hat nicht geklappt. Bitte versuchen Sie es erneut oder nutzen Sie die Admin-Werkzeuge.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="115"/>
        <source>Offline: using this kiosk&apos;s copy</source>
        <translation>Offline: mit der Kopie dieses Kiosks</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="115"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="116"/>
        <source>Waiting for upload: %1</source>
        <translation>Warten auf Upload: %1</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="97"/>
        <source>Leave staff mode</source>
        <translation>Personalmodus verlassen</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="144"/>
        <source>Name of the delegate</source>
        <translation>Name der teilnehmenden Person</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="162"/>
        <source>Find a delegate by name, or scan their badge or confirmation code. A walk-in must first be added at the help desk.</source>
        <translation>Suchen Sie eine Person nach Namen oder scannen Sie ihr Namensschild oder ihren Bestätigungscode. Spontane Gäste müssen zuerst am Infoschalter angelegt werden.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="256"/>
        <source>Checked in: %1.</source>
        <translation>Eingecheckt: %1.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="257"/>
        <source>Not checked in yet.</source>
        <translation>Noch nicht eingecheckt.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="258"/>
        <source>A badge was printed before.</source>
        <translation>Ein Namensschild wurde bereits gedruckt.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="259"/>
        <source>No badge printed yet.</source>
        <translation>Noch kein Namensschild gedruckt.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="271"/>
        <source>Notes: %1</source>
        <translation>Hinweise: %1</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="281"/>
        <source>The code scanned is from an old badge, which no longer works.</source>
        <translation>Der gescannte Code stammt von einem alten Namensschild, das nicht mehr gilt.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="292"/>
        <source>Print badge again</source>
        <translation>Namensschild erneut drucken</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="291"/>
        <source>Check in and print badge</source>
        <translation>Einchecken und Namensschild drucken</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="292"/>
        <source>Print badge</source>
        <translation>Namensschild drucken</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="294"/>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="313"/>
        <source>Printing the badge of %1…</source>
        <translation>Namensschild wird gedruckt: %1…</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="314"/>
        <source>The badge of %1 is printed.</source>
        <translation>Namensschild gedruckt: %1.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="325"/>
        <source>Next delegate</source>
        <translation>Nächste Person</translation>
    </message>
</context>
<context>
    <name>StaffPinPage</name>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="53"/>
        <source>Staff mode</source>
        <translation>Personalmodus</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="64"/>
        <source>Wrong PIN. Please try again.</source>
        <translation>Falsche PIN. Bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="65"/>
        <source>Too many wrong PINs. This kiosk is locked for staff for a while.</source>
        <translation>Zu viele falsche PINs. Der Personalmodus ist an diesem Kiosk eine Weile gesperrt.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="66"/>
        <source>This event has no staff PIN. An admin can set one.</source>
        <translation>Diese Veranstaltung hat keine Personal-PIN. Ein Admin kann eine festlegen.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="67"/>
        <source>The check-in server cannot be reached. Please try again in a moment.</source>
        <translation>Der Check-in-Server ist nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="68"/>
        <source>Staff mode could not be opened. Please try again.</source>
        <translation>Der Personalmodus konnte nicht geöffnet werden. Bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="69"/>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="69"/>
        <source>Enter the staff PIN.</source>
        <translation>Geben Sie die Personal-PIN ein.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="97"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="117"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../qml/WelcomePage.qml" line="27"/>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="65"/>
        <source>The badge printer is out of paper. You can still check in; collect your badge at the help desk.</source>
        <translation>Der Namensschild-Drucker hat kein Papier. Sie können trotzdem einchecken; Ihr Namensschild erhalten Sie am Info-Schalter.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="66"/>
        <source>The badge printer is not working. You can still check in; collect your badge at the help desk.</source>
        <translation>Der Namensschild-Drucker funktioniert nicht. Sie können trotzdem einchecken; Ihr Namensschild erhalten Sie am Info-Schalter.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="91"/>
        <source>Connecting to the server…</source>
        <translation>Verbindung zum Server wird hergestellt…</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="103"/>
        <source>Welcome!</source>
        <translation>Willkommen!</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="133"/>
        <source>No session in this room now</source>
        <translation>Gerade keine Sitzung in diesem Raum</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="149"/>
        <source>Next: %1 at %2</source>
        <translation>Als Nächstes: %1 um %2</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="146"/>
        <source>There are no more sessions in this room.</source>
        <translation>In diesem Raum gibt es keine weiteren Sitzungen.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="44"/>
        <source>This kiosk is offline: please use another kiosk or the help desk.</source>
        <translation>Dieses Terminal ist offline: Bitte nutzen Sie ein anderes Terminal oder den Infoschalter.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="133"/>
        <source>This session is not open now</source>
        <translation>Diese Sitzung ist jetzt nicht geöffnet</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="147"/>
        <source>This session is over.</source>
        <translation>Diese Sitzung ist vorbei.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="151"/>
        <source>%1 starts at %2.</source>
        <translation>%1 beginnt um %2.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="175"/>
        <source>Scan your badge to leave.</source>
        <translation>Scannen Sie Ihr Namensschild, um zu gehen.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="176"/>
        <source>Scan your badge to enter.</source>
        <translation>Scannen Sie Ihr Namensschild, um einzutreten.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="177"/>
        <source>Scan the QR code from your confirmation e-mail under the scanner.</source>
        <translation>Scannen Sie den QR-Code aus Ihrer Bestätigungs-E‑Mail unter dem Scanner.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="189"/>
        <source>No QR code? Please go to the help desk.</source>
        <translation>Kein QR-Code? Bitte wenden Sie sich an den Infoschalter.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="197"/>
        <source>No QR code? Find your name</source>
        <translation>Kein QR-Code? Namen suchen</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="208"/>
        <source>I am entering</source>
        <translation>Ich komme herein</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="208"/>
        <source>I am leaving</source>
        <translation>Ich gehe hinaus</translation>
    </message>
</context>
</TS>
