<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fa">
<context>
    <name>Category</name>
    <message>
        <location filename="../src/badge_data.cpp" line="18"/>
        <source>Delegate</source>
        <translation>نماینده</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="18"/>
        <source>Speaker</source>
        <translation>سخنران</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="19"/>
        <source>City official</source>
        <translation>نمایندهٔ شهر</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="19"/>
        <source>Community representative</source>
        <translation>نمایندهٔ جامعه</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="20"/>
        <source>Press</source>
        <translation>رسانه</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="20"/>
        <source>Staff</source>
        <translation>تیم برگزاری</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="21"/>
        <source>Partner</source>
        <translation>شریک</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <location filename="../qml/ConfirmPage.qml" line="22"/>
        <source>Is this you?</source>
        <translation>این شما هستید؟</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmPage.qml" line="77"/>
        <source>Yes, print my badge</source>
        <translation>بله، کارتم را چاپ کن</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmPage.qml" line="78"/>
        <source>No, this is not me</source>
        <translation>نه، این من نیستم</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../qml/DonePage.qml" line="30"/>
        <source>Welcome back!</source>
        <translation>دوباره خوش آمدید!</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml" line="30"/>
        <source>Please take your badge.</source>
        <translation>لطفاً کارت خود را بردارید.</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml" line="39"/>
        <source>%1, you are checked in. Enjoy the conference!</source>
        <translation>%1، ورود شما ثبت شد. کنفرانس خوبی داشته باشید!</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml" line="45"/>
        <source>Done</source>
        <translation>تمام</translation>
    </message>
</context>
<context>
    <name>DoorPage</name>
    <message>
        <location filename="../qml/DoorPage.qml" line="21"/>
        <source>Welcome in</source>
        <translation>خوش آمدید، بفرمایید</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="22"/>
        <source>Goodbye</source>
        <translation>خدانگهدار</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="23"/>
        <source>You are already in</source>
        <translation>شما از قبل داخل هستید</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="24"/>
        <source>Please scan again</source>
        <translation>لطفاً دوباره اسکن کنید</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="25"/>
        <source>Not checked in to this session</source>
        <translation>ورود شما به این جلسه ثبت نشده است</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="26"/>
        <source>Session full</source>
        <translation>جلسه پر است</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="27"/>
        <source>Not registered for this session</source>
        <translation>برای این جلسه ثبت‌نام نشده‌اید</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="28"/>
        <source>Not open now</source>
        <translation>اکنون باز نیست</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="29"/>
        <source>Already checked in</source>
        <translation>ورود قبلاً ثبت شده است</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="30"/>
        <source>This registration is cancelled</source>
        <translation>این ثبت‌نام لغو شده است</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="31"/>
        <source>We do not know this code</source>
        <translation>این کد را نمی‌شناسیم</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="32"/>
        <source>This code is not valid</source>
        <translation>این کد معتبر نیست</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="33"/>
        <source>This code has been replaced</source>
        <translation>این کد جایگزین شده است</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="34"/>
        <source>The check-in server cannot be reached</source>
        <translation>دسترسی به سرور پذیرش ممکن نیست</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="35"/>
        <source>No session in this room now</source>
        <translation>اکنون جلسه‌ای در این سالن نیست</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="36"/>
        <source>Please ask the staff at the door</source>
        <translation>لطفاً از کارکنان کنار در بپرسید</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="45"/>
        <source>This session is over.</source>
        <translation>این جلسه تمام شده است.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DoorPage.qml" line="47"/>
        <source>Check-in for the next session opens %n minute(s) before it starts.</source>
        <translation>
            <numerusform>پذیرش جلسهٔ بعدی %n دقیقه پیش از شروع آن باز می‌شود.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DoorPage.qml" line="49"/>
        <source>Check-in opens %n minute(s) before the session starts.</source>
        <translation>
            <numerusform>پذیرش %n دقیقه پیش از شروع جلسه باز می‌شود.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="45"/>
        <source>There are no more sessions in this room.</source>
        <translation>جلسهٔ دیگری در این سالن نیست.</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="20"/>
        <source>Lanyard check-in</source>
        <translation>پذیرش Lanyard</translation>
    </message>
</context>
<context>
    <name>PrintingPage</name>
    <message>
        <location filename="../qml/PrintingPage.qml" line="30"/>
        <source>Printing your badge…</source>
        <translation>در حال چاپ کارت شما…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml" line="28"/>
        <source>One moment, please…</source>
        <translation>لطفاً کمی صبر کنید…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml" line="29"/>
        <source>Printing your badge, %1…</source>
        <translation>در حال چاپ کارت شما، %1…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml" line="40"/>
        <source>Your badge will come out of the printer below.</source>
        <translation>کارت شما از چاپگر پایین بیرون می‌آید.</translation>
    </message>
</context>
<context>
    <name>ProblemPage</name>
    <message>
        <location filename="../qml/ProblemPage.qml" line="13"/>
        <source>You are already checked in</source>
        <translation>ورود شما قبلاً ثبت شده است</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="14"/>
        <source>Please scan again</source>
        <translation>لطفاً دوباره اسکن کنید</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="15"/>
        <source>This registration is cancelled</source>
        <translation>این ثبت‌نام لغو شده است</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="16"/>
        <source>We do not know this code</source>
        <translation>این کد را نمی‌شناسیم</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="17"/>
        <source>This code is not valid</source>
        <translation>این کد معتبر نیست</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="18"/>
        <source>This code has been replaced</source>
        <translation>این کد جایگزین شده است</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="19"/>
        <source>Your badge could not be printed</source>
        <translation>چاپ کارت شما ممکن نشد</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="20"/>
        <source>We could not confirm it is you</source>
        <translation>نتوانستیم هویت شما را تأیید کنیم</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="21"/>
        <source>You are not registered for this session</source>
        <translation>شما برای این جلسه ثبت‌نام نکرده‌اید</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="22"/>
        <source>This session is full</source>
        <translation>این جلسه پر است</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="23"/>
        <source>This session is not open now</source>
        <translation>این جلسه اکنون باز نیست</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="24"/>
        <source>This kiosk is not allowed to check in</source>
        <translation>این کیوسک اجازهٔ ثبت ورود ندارد</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="25"/>
        <source>The check-in server cannot be reached</source>
        <translation>دسترسی به سرور پذیرش ممکن نیست</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="26"/>
        <source>Something went wrong</source>
        <translation>مشکلی پیش آمد</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="33"/>
        <source>Checked in: %1. For a second badge, please go to the help desk.</source>
        <translation>ورود ثبت شده: %1. برای کارت دوم، لطفاً به میز راهنما مراجعه کنید.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="34"/>
        <source>For a second badge, please go to the help desk.</source>
        <translation>برای کارت دوم، لطفاً به میز راهنما مراجعه کنید.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="35"/>
        <source>A newer badge was issued for you. Please scan the newest code or go to the help desk.</source>
        <translation>کارت جدیدتری برای شما صادر شده است. لطفاً جدیدترین کد را اسکن کنید یا به میز راهنما مراجعه کنید.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="36"/>
        <source>Only part of the code was read. Hold it still under the scanner, a hand&apos;s width away.</source>
        <translation>فقط بخشی از کد خوانده شد. آن را زیر اسکنر ثابت نگه دارید، به فاصلهٔ یک کف دست.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="37"/>
        <source>You are checked in. Please go to the help desk for your badge.</source>
        <translation>ورود شما ثبت شد. لطفاً کارت خود را از میز راهنما بگیرید.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="38"/>
        <source>Please try again in a moment, or go to the help desk.</source>
        <translation>لطفاً کمی بعد دوباره امتحان کنید یا به میز راهنما مراجعه کنید.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="39"/>
        <source>Please go to the help desk with an ID. We will print your badge there.</source>
        <translation>لطفاً با یک مدرک شناسایی به میز راهنما مراجعه کنید. کارت شما را آنجا چاپ می‌کنیم.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="40"/>
        <source>Please ask the staff at the door about other sessions.</source>
        <translation>لطفاً دربارهٔ جلسه‌های دیگر از کارکنان کنار در بپرسید.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="41"/>
        <source>Please go to the help desk. We will help you there.</source>
        <translation>لطفاً به میز راهنما مراجعه کنید. آنجا به شما کمک می‌کنیم.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="75"/>
        <source>Try again</source>
        <translation>دوباره امتحان کنید</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="76"/>
        <source>Start over</source>
        <translation>شروع دوباره</translation>
    </message>
</context>
<context>
    <name>ProofPage</name>
    <message>
        <location filename="../qml/ProofPage.qml" line="30"/>
        <source>%1, please confirm it is you</source>
        <translation>%1، لطفاً تأیید کنید که خودتان هستید</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ProofPage.qml" line="38"/>
        <source>Type the first %n letter(s) of the e-mail address you registered with.</source>
        <translation>
            <numerusform>%n حرف اول نشانی ایمیلی را که با آن ثبت‌نام کرده‌اید بنویسید.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ProofPage.qml" line="47"/>
        <source>That does not match. %n try/tries left.</source>
        <translation>
            <numerusform>درست نیست. %n بار دیگر می‌توانید امتحان کنید.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ProofPage.qml" line="80"/>
        <source>Check in</source>
        <translation>ثبت ورود</translation>
    </message>
    <message>
        <location filename="../qml/ProofPage.qml" line="88"/>
        <source>Cancel</source>
        <translation>لغو</translation>
    </message>
</context>
<context>
    <name>ReadingIndicator</name>
    <message>
        <location filename="../qml/ReadingIndicator.qml" line="21"/>
        <source>Reading…</source>
        <translation>در حال خواندن…</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../qml/SearchPage.qml" line="26"/>
        <source>Find your name</source>
        <translation>نام خود را پیدا کنید</translation>
    </message>
    <message>
        <location filename="../qml/SearchPage.qml" line="42"/>
        <source>Type your first or last name</source>
        <translation>نام یا نام خانوادگی خود را بنویسید</translation>
    </message>
    <message>
        <location filename="../qml/SearchPage.qml" line="60"/>
        <source>Back</source>
        <translation>بازگشت</translation>
    </message>
    <message>
        <location filename="../qml/SearchPage.qml" line="69"/>
        <source>More names match than fit here: type more letters of your name.</source>
        <translation>نام‌های بیشتری از آنچه اینجا جا می‌شود پیدا شد: حروف بیشتری از نام خود را بنویسید.</translation>
    </message>
    <message>
        <location filename="../qml/SearchPage.qml" line="103"/>
        <source>No name found yet. Try fewer letters, or go to the help desk.</source>
        <translation>هنوز نامی پیدا نشد. حروف کمتری بنویسید یا به میز راهنما مراجعه کنید.</translation>
    </message>
</context>
<context>
    <name>SetupProblemPage</name>
    <message>
        <location filename="../qml/SetupProblemPage.qml" line="15"/>
        <source>This door is set up for session %1, which the event does not have.</source>
        <translation>این در برای جلسهٔ %1 تنظیم شده است که در این رویداد وجود ندارد.</translation>
    </message>
    <message>
        <location filename="../qml/SetupProblemPage.qml" line="17"/>
        <source>This door is set up for the room “%1”, which no session of the event uses.</source>
        <translation>این در برای سالن «%1» تنظیم شده است که هیچ جلسه‌ای از این رویداد در آن برگزار نمی‌شود.</translation>
    </message>
    <message>
        <location filename="../qml/SetupProblemPage.qml" line="46"/>
        <source>Please call staff.</source>
        <translation>لطفاً کارکنان را خبر کنید.</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <location filename="../qml/StaffPage.qml" line="19"/>
        <source>Printer ready</source>
        <translation>چاپگر آماده است</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="20"/>
        <source>Printer out of paper</source>
        <translation>کاغذ چاپگر تمام شده است</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="21"/>
        <source>Printer offline</source>
        <translation>چاپگر وصل نیست</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="22"/>
        <source>Printer error</source>
        <translation>خطای چاپگر</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="26"/>
        <source>No copy yet</source>
        <translation>هنوز نسخه‌ای نیست</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="27"/>
        <source>Copy from %1</source>
        <translation>نسخهٔ %1</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="31"/>
        <source>The check-in server cannot be reached. Please try again in a moment.</source>
        <translation>دسترسی به سرور پذیرش ممکن نیست. لطفاً کمی بعد دوباره امتحان کنید.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="32"/>
        <source>The badge could not be printed. Check the printer, then try again.</source>
        <translation>کارت چاپ نشد. چاپگر را بررسی کنید و دوباره امتحان کنید.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="33"/>
        <source>This registration is cancelled: no badge.</source>
        <translation>این ثبت‌نام لغو شده است: کارتی صادر نمی‌شود.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="34"/>
        <source>This code belongs to no delegate.</source>
        <translation>این کد متعلق به هیچ شرکت‌کننده‌ای نیست.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="35"/>
        <source>That did not work. Please try again, or use the admin tools.</source>
        <translation>انجام نشد. لطفاً دوباره امتحان کنید یا از ابزارهای مدیریت استفاده کنید.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="115"/>
        <source>Offline: using this kiosk&apos;s copy</source>
        <translation>آفلاین: با نسخهٔ این کیوسک</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="115"/>
        <source>Online</source>
        <translation>آنلاین</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="116"/>
        <source>Waiting for upload: %1</source>
        <translation>در انتظار ارسال: %1</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="97"/>
        <source>Leave staff mode</source>
        <translation>خروج از حالت کارکنان</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="144"/>
        <source>Name of the delegate</source>
        <translation>نام شرکت‌کننده</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="162"/>
        <source>Find a delegate by name, or scan their badge or confirmation code. A walk-in must first be added at the help desk.</source>
        <translation>شرکت‌کننده را با نام پیدا کنید یا کارت یا کد تأیید او را اسکن کنید. کسی که بدون ثبت‌نام آمده است باید اول در میز راهنما افزوده شود.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="256"/>
        <source>Checked in: %1.</source>
        <translation>ورود ثبت شده: %1.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="257"/>
        <source>Not checked in yet.</source>
        <translation>هنوز ورودی ثبت نشده است.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="258"/>
        <source>A badge was printed before.</source>
        <translation>قبلاً کارتی چاپ شده است.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="259"/>
        <source>No badge printed yet.</source>
        <translation>هنوز کارتی چاپ نشده است.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="271"/>
        <source>Notes: %1</source>
        <translation>یادداشت‌ها: %1</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="281"/>
        <source>The code scanned is from an old badge, which no longer works.</source>
        <translation>کد اسکن‌شده مال کارت قدیمی‌ای است که دیگر کار نمی‌کند.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="291"/>
        <source>Check in and print badge</source>
        <translation>ثبت ورود و چاپ کارت</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="292"/>
        <source>Print badge again</source>
        <translation>چاپ دوبارهٔ کارت</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="292"/>
        <source>Print badge</source>
        <translation>چاپ کارت</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="294"/>
        <source>Back</source>
        <translation>بازگشت</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="313"/>
        <source>Printing the badge of %1…</source>
        <translation>در حال چاپ کارت %1…</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="314"/>
        <source>The badge of %1 is printed.</source>
        <translation>کارت %1 چاپ شد.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="325"/>
        <source>Next delegate</source>
        <translation>شرکت‌کنندهٔ بعدی</translation>
    </message>
</context>
<context>
    <name>StaffPinPage</name>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="53"/>
        <source>Staff mode</source>
        <translation>حالت کارکنان</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="64"/>
        <source>Wrong PIN. Please try again.</source>
        <translation>رمز PIN اشتباه است. لطفاً دوباره امتحان کنید.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="65"/>
        <source>Too many wrong PINs. This kiosk is locked for staff for a while.</source>
        <translation>رمز PIN بارها اشتباه وارد شد. حالت کارکنان در این کیوسک مدتی قفل است.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="66"/>
        <source>This event has no staff PIN. An admin can set one.</source>
        <translation>این رویداد رمز PIN کارکنان ندارد. مدیر می‌تواند آن را تعیین کند.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="67"/>
        <source>The check-in server cannot be reached. Please try again in a moment.</source>
        <translation>دسترسی به سرور پذیرش ممکن نیست. لطفاً کمی بعد دوباره امتحان کنید.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="68"/>
        <source>Staff mode could not be opened. Please try again.</source>
        <translation>حالت کارکنان باز نشد. لطفاً دوباره امتحان کنید.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="69"/>
        <source>Checking…</source>
        <translation>در حال بررسی…</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="69"/>
        <source>Enter the staff PIN.</source>
        <translation>رمز PIN کارکنان را وارد کنید.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="97"/>
        <source>Cancel</source>
        <translation>لغو</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="117"/>
        <source>Delete</source>
        <translation>پاک کردن</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../qml/WelcomePage.qml" line="27"/>
        <source>Staff</source>
        <translation>کارکنان</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="65"/>
        <source>The badge printer is out of paper. You can still check in; collect your badge at the help desk.</source>
        <translation>کاغذ چاپگر کارت تمام شده است. همچنان می‌توانید ورود خود را ثبت کنید؛ کارت خود را از میز راهنما بگیرید.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="66"/>
        <source>The badge printer is not working. You can still check in; collect your badge at the help desk.</source>
        <translation>چاپگر کارت کار نمی‌کند. همچنان می‌توانید ورود خود را ثبت کنید؛ کارت خود را از میز راهنما بگیرید.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="91"/>
        <source>Connecting to the server…</source>
        <translation>در حال اتصال به سرور…</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="103"/>
        <source>Welcome!</source>
        <translation>خوش آمدید!</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="133"/>
        <source>No session in this room now</source>
        <translation>اکنون جلسه‌ای در این سالن نیست</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="149"/>
        <source>Next: %1 at %2</source>
        <translation>بعدی: %1 ساعت&#xa0;%2</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="146"/>
        <source>There are no more sessions in this room.</source>
        <translation>جلسهٔ دیگری در این سالن نیست.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="44"/>
        <source>This kiosk is offline: please use another kiosk or the help desk.</source>
        <translation>این کیوسک آفلاین است: لطفاً از کیوسک دیگری استفاده کنید یا به میز راهنما مراجعه کنید.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="133"/>
        <source>This session is not open now</source>
        <translation>این جلسه اکنون باز نیست</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="147"/>
        <source>This session is over.</source>
        <translation>این جلسه تمام شده است.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="151"/>
        <source>%1 starts at %2.</source>
        <translation>جلسهٔ %1 ساعت %2 شروع می‌شود.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="175"/>
        <source>Scan your badge to leave.</source>
        <translation>برای خروج، کارت خود را اسکن کنید.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="176"/>
        <source>Scan your badge to enter.</source>
        <translation>برای ورود، کارت خود را اسکن کنید.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="177"/>
        <source>Scan the QR code from your confirmation e-mail under the scanner.</source>
        <translation>کد QR ایمیل تأیید را زیر اسکنر بگیرید.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="189"/>
        <source>No QR code? Please go to the help desk.</source>
        <translation>کد QR ندارید؟ لطفاً به میز راهنما مراجعه کنید.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="197"/>
        <source>No QR code? Find your name</source>
        <translation>کد QR ندارید؟ نام خود را پیدا کنید</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="208"/>
        <source>I am entering</source>
        <translation>وارد می‌شوم</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="208"/>
        <source>I am leaving</source>
        <translation>خارج می‌شوم</translation>
    </message>
</context>
</TS>
