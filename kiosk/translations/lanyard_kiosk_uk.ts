<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk">
<context>
    <name>Category</name>
    <message>
        <location filename="../src/badge_data.cpp" line="18"/>
        <source>Delegate</source>
        <translation>Делегат(ка)</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="18"/>
        <source>Speaker</source>
        <translation>Доповідач(ка)</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="19"/>
        <source>City official</source>
        <translation>Представник(ця) міста</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="19"/>
        <source>Community representative</source>
        <translation>Представник(ця) громади</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="20"/>
        <source>Press</source>
        <translation>Преса</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="20"/>
        <source>Staff</source>
        <translation>Команда</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="21"/>
        <source>Partner</source>
        <translation>Партнер</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <location filename="../qml/ConfirmPage.qml" line="22"/>
        <source>Is this you?</source>
        <translation>Це ви?</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmPage.qml" line="77"/>
        <source>Yes, print my badge</source>
        <translation>Так, надрукувати мій бейдж</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmPage.qml" line="78"/>
        <source>No, this is not me</source>
        <translation>Ні, це не я</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../qml/DonePage.qml" line="30"/>
        <source>Welcome back!</source>
        <translation>З поверненням!</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml" line="30"/>
        <source>Please take your badge.</source>
        <translation>Будь ласка, візьміть свій бейдж.</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml" line="39"/>
        <source>%1, you are checked in. Enjoy the conference!</source>
        <translation>%1, вас зареєстровано. Приємної конференції!</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml" line="45"/>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
</context>
<context>
    <name>DoorPage</name>
    <message>
        <location filename="../qml/DoorPage.qml" line="21"/>
        <source>Welcome in</source>
        <translation>Ласкаво просимо, заходьте</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="22"/>
        <source>Goodbye</source>
        <translation>До побачення</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="23"/>
        <source>You are already in</source>
        <translation>Ви вже всередині</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="24"/>
        <source>Please scan again</source>
        <translation>Відскануйте ще раз, будь ласка</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="25"/>
        <source>Not checked in to this session</source>
        <translation>Не зареєстровані на вході цієї сесії</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="26"/>
        <source>Session full</source>
        <translation>Сесія заповнена</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="27"/>
        <source>Not registered for this session</source>
        <translation>Не зареєстровані на цю сесію</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="28"/>
        <source>Not open now</source>
        <translation>Зараз не відкрито</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="29"/>
        <source>Already checked in</source>
        <translation>Вже зареєстровані</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="30"/>
        <source>This registration is cancelled</source>
        <translation>Цю реєстрацію скасовано</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="31"/>
        <source>We do not know this code</source>
        <translation>Цей код нам невідомий</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="32"/>
        <source>This code is not valid</source>
        <translation>Цей код недійсний</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="33"/>
        <source>This code has been replaced</source>
        <translation>Цей код замінено новим</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="34"/>
        <source>The check-in server cannot be reached</source>
        <translation>Сервер реєстрації недоступний</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="35"/>
        <source>No session in this room now</source>
        <translation>Зараз у цій залі немає сесії</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="36"/>
        <source>Please ask the staff at the door</source>
        <translation>Зверніться до персоналу біля дверей</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="45"/>
        <source>This session is over.</source>
        <translation>Ця сесія вже закінчилася.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DoorPage.qml" line="47"/>
        <source>Check-in for the next session opens %n minute(s) before it starts.</source>
        <translation>
            <numerusform>Реєстрація на наступну сесію відкривається за %n хвилину до її початку.</numerusform>
            <numerusform>Реєстрація на наступну сесію відкривається за %n хвилини до її початку.</numerusform>
            <numerusform>Реєстрація на наступну сесію відкривається за %n хвилин до її початку.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DoorPage.qml" line="49"/>
        <source>Check-in opens %n minute(s) before the session starts.</source>
        <translation>
            <numerusform>Реєстрація відкривається за %n хвилину до початку сесії.</numerusform>
            <numerusform>Реєстрація відкривається за %n хвилини до початку сесії.</numerusform>
            <numerusform>Реєстрація відкривається за %n хвилин до початку сесії.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="45"/>
        <source>There are no more sessions in this room.</source>
        <translation>У цій залі більше немає сесій.</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="20"/>
        <source>Lanyard check-in</source>
        <translation>Lanyard – реєстрація</translation>
    </message>
</context>
<context>
    <name>PrintingPage</name>
    <message>
        <location filename="../qml/PrintingPage.qml" line="30"/>
        <source>Printing your badge…</source>
        <translation>Друкуємо ваш бейдж…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml" line="28"/>
        <source>One moment, please…</source>
        <translation>Хвилинку, будь ласка…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml" line="29"/>
        <source>Printing your badge, %1…</source>
        <translation>Друкуємо ваш бейдж, %1…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml" line="40"/>
        <source>Your badge will come out of the printer below.</source>
        <translation>Бейдж вийде з принтера внизу.</translation>
    </message>
</context>
<context>
    <name>ProblemPage</name>
    <message>
        <location filename="../qml/ProblemPage.qml" line="13"/>
        <source>You are already checked in</source>
        <translation>Ви вже зареєстровані</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="14"/>
        <source>Please scan again</source>
        <translation>Відскануйте ще раз, будь ласка</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="15"/>
        <source>This registration is cancelled</source>
        <translation>Цю реєстрацію скасовано</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="16"/>
        <source>We do not know this code</source>
        <translation>Цей код нам невідомий</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="17"/>
        <source>This code is not valid</source>
        <translation>Цей код недійсний</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="18"/>
        <source>This code has been replaced</source>
        <translation>Цей код замінено новим</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="19"/>
        <source>Your badge could not be printed</source>
        <translation>Не вдалося надрукувати ваш бейдж</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="20"/>
        <source>We could not confirm it is you</source>
        <translation>Не вдалося підтвердити, що це ви</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="21"/>
        <source>You are not registered for this session</source>
        <translation>Ви не зареєстровані на цю сесію</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="22"/>
        <source>This session is full</source>
        <translation>Ця сесія заповнена</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="23"/>
        <source>This session is not open now</source>
        <translation>Ця сесія зараз не відкрита</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="24"/>
        <source>This kiosk is not allowed to check in</source>
        <translation>Цьому кіоску не дозволено реєструвати</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="25"/>
        <source>The check-in server cannot be reached</source>
        <translation>Сервер реєстрації недоступний</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="26"/>
        <source>Something went wrong</source>
        <translation>Щось пішло не так</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="33"/>
        <source>Checked in: %1. For a second badge, please go to the help desk.</source>
        <translation>Реєстрація: %1. Щоб отримати другий бейдж, зверніться до інформаційної стійки.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="34"/>
        <source>For a second badge, please go to the help desk.</source>
        <translation>Щоб отримати другий бейдж, зверніться до інформаційної стійки.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="35"/>
        <source>A newer badge was issued for you. Please scan the newest code or go to the help desk.</source>
        <translation>Вам видано новіший бейдж. Відскануйте найновіший код або зверніться до інформаційної стійки.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="36"/>
        <source>Only part of the code was read. Hold it still under the scanner, a hand&apos;s width away.</source>
        <translation>Зчитано лише частину коду. Тримайте його нерухомо під сканером, на відстані долоні.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="37"/>
        <source>You are checked in. Please go to the help desk for your badge.</source>
        <translation>Вас зареєстровано. По бейдж зверніться, будь ласка, до інформаційної стійки.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="38"/>
        <source>Please try again in a moment, or go to the help desk.</source>
        <translation>Спробуйте ще раз за мить або зверніться до інформаційної стійки.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="39"/>
        <source>Please go to the help desk with an ID. We will print your badge there.</source>
        <translation>Будь ласка, підійдіть до стійки допомоги з документом. Там ми надрукуємо ваш бейдж.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="40"/>
        <source>Please ask the staff at the door about other sessions.</source>
        <translation>Про інші сесії запитайте персонал біля дверей.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="41"/>
        <source>Please go to the help desk. We will help you there.</source>
        <translation>Зверніться, будь ласка, до інформаційної стійки — там вам допоможуть.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="75"/>
        <source>Try again</source>
        <translation>Спробувати ще раз</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="76"/>
        <source>Start over</source>
        <translation>Почати спочатку</translation>
    </message>
</context>
<context>
    <name>ProofPage</name>
    <message>
        <location filename="../qml/ProofPage.qml" line="30"/>
        <source>%1, please confirm it is you</source>
        <translation>%1, будь ласка, підтвердіть, що це ви</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ProofPage.qml" line="38"/>
        <source>Type the first %n letter(s) of the e-mail address you registered with.</source>
        <translation>
            <numerusform>Введіть першу літеру електронної адреси, з якою ви реєструвалися.</numerusform>
            <numerusform>Введіть перші %n літери електронної адреси, з якою ви реєструвалися.</numerusform>
            <numerusform>Введіть перші %n літер електронної адреси, з якою ви реєструвалися.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ProofPage.qml" line="47"/>
        <source>That does not match. %n try/tries left.</source>
        <translation>
            <numerusform>Не збігається. Залишилася %n спроба.</numerusform>
            <numerusform>Не збігається. Залишилося %n спроби.</numerusform>
            <numerusform>Не збігається. Залишилося %n спроб.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ProofPage.qml" line="80"/>
        <source>Check in</source>
        <translation>Зареєструватися</translation>
    </message>
    <message>
        <location filename="../qml/ProofPage.qml" line="88"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
</context>
<context>
    <name>ReadingIndicator</name>
    <message>
        <location filename="../qml/ReadingIndicator.qml" line="21"/>
        <source>Reading…</source>
        <translation>Зчитуємо…</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../qml/SearchPage.qml" line="26"/>
        <source>Find your name</source>
        <translation>Знайдіть своє ім’я</translation>
    </message>
    <message>
        <location filename="../qml/SearchPage.qml" line="42"/>
        <source>Type your first or last name</source>
        <translation>Введіть ім’я або прізвище</translation>
    </message>
    <message>
        <location filename="../qml/SearchPage.qml" line="60"/>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <location filename="../qml/SearchPage.qml" line="69"/>
        <source>More names match than fit here: type more letters of your name.</source>
        <translation>Збігається більше імен, ніж уміщується: введіть ще кілька літер свого імені.</translation>
    </message>
    <message>
        <location filename="../qml/SearchPage.qml" line="103"/>
        <source>No name found yet. Try fewer letters, or go to the help desk.</source>
        <translation>Ім’я поки не знайдено. Спробуйте менше літер або підійдіть до стійки допомоги.</translation>
    </message>
</context>
<context>
    <name>SetupProblemPage</name>
    <message>
        <location filename="../qml/SetupProblemPage.qml" line="15"/>
        <source>This door is set up for session %1, which the event does not have.</source>
        <translation>Ці двері налаштовано для сесії %1, якої немає в програмі заходу.</translation>
    </message>
    <message>
        <location filename="../qml/SetupProblemPage.qml" line="17"/>
        <source>This door is set up for the room “%1”, which no session of the event uses.</source>
        <translation>Ці двері налаштовано для зали «%1», у якій немає жодної сесії заходу.</translation>
    </message>
    <message>
        <location filename="../qml/SetupProblemPage.qml" line="46"/>
        <source>Please call staff.</source>
        <translation>Покличте, будь ласка, персонал.</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <location filename="../qml/StaffPage.qml" line="19"/>
        <source>Printer ready</source>
        <translation>Принтер готовий</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="20"/>
        <source>Printer out of paper</source>
        <translation>У принтері закінчився папір</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="21"/>
        <source>Printer offline</source>
        <translation>Принтер не під’єднаний</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="22"/>
        <source>Printer error</source>
        <translation>Помилка принтера</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="26"/>
        <source>No copy yet</source>
        <translation>Копії ще немає</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="27"/>
        <source>Copy from %1</source>
        <translation>Копія від %1</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="31"/>
        <source>The check-in server cannot be reached. Please try again in a moment.</source>
        <translation>Сервер реєстрації недоступний. Спробуйте ще раз за мить.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="32"/>
        <source>The badge could not be printed. Check the printer, then try again.</source>
        <translation>Бейдж не вдалося надрукувати. Перевірте принтер і спробуйте ще раз.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="33"/>
        <source>This registration is cancelled: no badge.</source>
        <translation>Цю реєстрацію скасовано: бейджа не буде.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="34"/>
        <source>This code belongs to no delegate.</source>
        <translation>Цей код не належить жодному учаснику.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="35"/>
        <source>That did not work. Please try again, or use the admin tools.</source>
        <translation>Не вдалося. Спробуйте ще раз або скористайтеся інструментами адміністратора.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="115"/>
        <source>Offline: using this kiosk&apos;s copy</source>
        <translation>Офлайн: працює копія цього кіоску</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="115"/>
        <source>Online</source>
        <translation>Онлайн</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="116"/>
        <source>Waiting for upload: %1</source>
        <translation>Очікують надсилання: %1</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="97"/>
        <source>Leave staff mode</source>
        <translation>Вийти з режиму персоналу</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="144"/>
        <source>Name of the delegate</source>
        <translation>Ім’я учасника</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="162"/>
        <source>Find a delegate by name, or scan their badge or confirmation code. A walk-in must first be added at the help desk.</source>
        <translation>Знайдіть учасника за ім’ям або відскануйте його бейдж чи код підтвердження. Незареєстрованого відвідувача спершу треба додати на стійці довідки.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="256"/>
        <source>Checked in: %1.</source>
        <translation>Зареєстровано: %1.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="257"/>
        <source>Not checked in yet.</source>
        <translation>Ще не зареєстровано.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="258"/>
        <source>A badge was printed before.</source>
        <translation>Бейдж уже друкували.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="259"/>
        <source>No badge printed yet.</source>
        <translation>Бейдж ще не друкували.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="271"/>
        <source>Notes: %1</source>
        <translation>Примітки: %1</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="281"/>
        <source>The code scanned is from an old badge, which no longer works.</source>
        <translation>Відскановано код зі старого бейджа, який більше не дійсний.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="292"/>
        <source>Print badge again</source>
        <translation>Надрукувати бейдж ще раз</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="291"/>
        <source>Check in and print badge</source>
        <translation>Зареєструвати й надрукувати бейдж</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="292"/>
        <source>Print badge</source>
        <translation>Надрукувати бейдж</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="294"/>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="313"/>
        <source>Printing the badge of %1…</source>
        <translation>Друкуємо бейдж: %1…</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="314"/>
        <source>The badge of %1 is printed.</source>
        <translation>Бейдж надруковано: %1.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="325"/>
        <source>Next delegate</source>
        <translation>Наступний учасник</translation>
    </message>
</context>
<context>
    <name>StaffPinPage</name>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="53"/>
        <source>Staff mode</source>
        <translation>Режим персоналу</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="64"/>
        <source>Wrong PIN. Please try again.</source>
        <translation>Неправильний PIN. Спробуйте ще раз.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="65"/>
        <source>Too many wrong PINs. This kiosk is locked for staff for a while.</source>
        <translation>Забагато неправильних PIN. Режим персоналу на цьому кіоску на деякий час заблоковано.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="66"/>
        <source>This event has no staff PIN. An admin can set one.</source>
        <translation>Ця подія не має PIN для персоналу. Адміністратор може його встановити.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="67"/>
        <source>The check-in server cannot be reached. Please try again in a moment.</source>
        <translation>Сервер реєстрації недоступний. Спробуйте ще раз за мить.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="68"/>
        <source>Staff mode could not be opened. Please try again.</source>
        <translation>Не вдалося відкрити режим персоналу. Спробуйте ще раз.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="69"/>
        <source>Checking…</source>
        <translation>Перевіряємо…</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="69"/>
        <source>Enter the staff PIN.</source>
        <translation>Введіть PIN персоналу.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="97"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="117"/>
        <source>Delete</source>
        <translation>Видалити</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../qml/WelcomePage.qml" line="27"/>
        <source>Staff</source>
        <translation>Персонал</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="65"/>
        <source>The badge printer is out of paper. You can still check in; collect your badge at the help desk.</source>
        <translation>У принтері бейджів закінчився папір. Ви можете зареєструватися; бейдж заберіть біля стійки допомоги.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="66"/>
        <source>The badge printer is not working. You can still check in; collect your badge at the help desk.</source>
        <translation>Принтер бейджів не працює. Ви можете зареєструватися; бейдж заберіть біля стійки допомоги.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="91"/>
        <source>Connecting to the server…</source>
        <translation>Підключення до сервера…</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="103"/>
        <source>Welcome!</source>
        <translation>Ласкаво просимо!</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="133"/>
        <source>No session in this room now</source>
        <translation>Зараз у цій залі немає сесії</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="149"/>
        <source>Next: %1 at %2</source>
        <translation>Далі: %1 о&#xa0;%2</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="146"/>
        <source>There are no more sessions in this room.</source>
        <translation>У цій залі більше немає сесій.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="44"/>
        <source>This kiosk is offline: please use another kiosk or the help desk.</source>
        <translation>Цей кіоск офлайн: скористайтеся іншим кіоском або інформаційною стійкою.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="133"/>
        <source>This session is not open now</source>
        <translation>Ця сесія зараз не відкрита</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="147"/>
        <source>This session is over.</source>
        <translation>Ця сесія вже закінчилася.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="151"/>
        <source>%1 starts at %2.</source>
        <translation>%1 починається о %2.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="175"/>
        <source>Scan your badge to leave.</source>
        <translation>Відскануйте бейдж, щоб вийти.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="176"/>
        <source>Scan your badge to enter.</source>
        <translation>Відскануйте бейдж, щоб увійти.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="177"/>
        <source>Scan the QR code from your confirmation e-mail under the scanner.</source>
        <translation>Відскануйте під сканером QR-код із листа-підтвердження.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="189"/>
        <source>No QR code? Please go to the help desk.</source>
        <translation>Немає QR-коду? Зверніться, будь ласка, до інформаційної стійки.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="197"/>
        <source>No QR code? Find your name</source>
        <translation>Немає QR-коду? Знайдіть своє ім’я</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="208"/>
        <source>I am entering</source>
        <translation>Я заходжу</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="208"/>
        <source>I am leaving</source>
        <translation>Я виходжу</translation>
    </message>
</context>
</TS>
