#ifndef BURNWATCH_CNCURSESW_SHIM_H
#define BURNWATCH_CNCURSESW_SHIM_H
// Wide-character curses: these must be defined before <curses.h>.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>
#include <curses.h>
#include <term.h>

// Swift 6 refuses C globals (stdscr, COLS, ...) and cannot see function-like macros
// (COLOR_PAIR, A_BOLD, getmaxyx), so everything the Swift side needs goes through these.

// MARK: - Globals

static inline WINDOW *bw_stdscr(void) { return stdscr; }
static inline WINDOW *bw_curscr(void) { return curscr; }
static inline int bw_cols(void) { return COLS; }
static inline int bw_lines(void) { return LINES; }
static inline int bw_colors(void) { return COLORS; }
static inline int bw_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *bw_stdin_file(void) { return stdin; }
static inline FILE *bw_stdout_file(void) { return stdout; }
static inline int bw_err(void) { return ERR; }
static inline int bw_ok(void) { return OK; }
static inline int bw_getmaxx(WINDOW *window) { return getmaxx(window); }
static inline int bw_getmaxy(WINDOW *window) { return getmaxy(window); }

// MARK: - Attributes

static inline attr_t bw_a_normal(void) { return A_NORMAL; }
static inline attr_t bw_a_bold(void) { return A_BOLD; }
static inline attr_t bw_a_dim(void) { return A_DIM; }
static inline attr_t bw_a_reverse(void) { return A_REVERSE; }
static inline attr_t bw_a_underline(void) { return A_UNDERLINE; }
static inline attr_t bw_color_pair(int pair) { return (attr_t)COLOR_PAIR(pair); }

// MARK: - Key codes (what wget_wch reports with KEY_CODE_YES)

enum {
    BW_KEY_CODE_YES = KEY_CODE_YES,
    BW_KEY_DOWN = KEY_DOWN,
    BW_KEY_UP = KEY_UP,
    BW_KEY_LEFT = KEY_LEFT,
    BW_KEY_RIGHT = KEY_RIGHT,
    BW_KEY_HOME = KEY_HOME,
    BW_KEY_END = KEY_END,
    BW_KEY_BACKSPACE = KEY_BACKSPACE,
    BW_KEY_NPAGE = KEY_NPAGE,
    BW_KEY_PPAGE = KEY_PPAGE,
    BW_KEY_ENTER = KEY_ENTER,
    BW_KEY_BTAB = KEY_BTAB,
    BW_KEY_A1 = KEY_A1,
    BW_KEY_A3 = KEY_A3,
    BW_KEY_C1 = KEY_C1,
    BW_KEY_C3 = KEY_C3,
    BW_KEY_FIND = KEY_FIND,
    BW_KEY_SELECT = KEY_SELECT,
    BW_KEY_RESIZE = KEY_RESIZE,
};

// MARK: - Locale

/// setlocale(LC_ALL, "") — must run before initscr/newterm so ncursesw decodes and encodes UTF-8.
static inline int bw_setlocale_from_environment(void) { return setlocale(LC_ALL, "") != NULL; }

/// Whether the current LC_CTYPE codeset is UTF-8 (glibc says "UTF-8"; some systems "utf8").
static inline int bw_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    if (codeset == NULL) { return 0; }
    return strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "UTF8") == 0;
}

// MARK: - Painting

// glibc declares wcwidth only under _XOPEN_SOURCE, which Swift's Glibc module is built without.
extern int wcwidth(wchar_t character);

/// The terminal column width of a character in the current locale (-1 unprintable).
static inline int bw_wcwidth(wchar_t character) { return wcwidth(character); }

/// Puts one cell (a spacing character plus up to four combining ones) with its attributes and
/// extended colour pair. `insert` uses wins_wch, which never advances the cursor, so the
/// bottom-right cell cannot scroll the screen.
static inline int bw_put_cell(WINDOW *window, int y, int x, const wchar_t *text, attr_t attributes, int pair, int insert) {
    cchar_t cell;
    if (setcchar(&cell, text, attributes, 0, &pair) == ERR) { return ERR; }
    if (wmove(window, y, x) == ERR) { return ERR; }
    return insert ? wins_wch(window, &cell) : wadd_wch(window, &cell);
}

/// A terminfo string capability, or NULL when the terminal lacks it.
static inline const char *bw_terminfo_string(const char *name) {
    char *value = tigetstr(name);
    if (value == NULL || value == (char *)-1) { return NULL; }
    return value;
}

// MARK: - Signals
//
// Handlers must be async-signal-safe, so they are C: they only set flags and write(2).

#define BW_SIGNAL_SLOTS 65
#define BW_RESET_CAPACITY 256

struct bw_signal_state {
    volatile sig_atomic_t wake_fd;
    volatile sig_atomic_t termination_signal;
    volatile sig_atomic_t suspend_requested;
    volatile sig_atomic_t continued;
    char reset_bytes[BW_RESET_CAPACITY];
    volatile sig_atomic_t reset_length;
    struct termios shell_termios;
    volatile sig_atomic_t has_shell_termios;
    struct sigaction previous_actions[BW_SIGNAL_SLOTS];
    volatile sig_atomic_t installed[BW_SIGNAL_SLOTS];
    struct sigaction chained_winch;
};

/// The one signal state of the process. Everything in this header is emitted into every
/// object file that uses it (there is no .c file in a system-library target), and the
/// optimiser inlines across Swift files, so a `static` would exist once per object file and a
/// handler could record into a copy nobody reads (seen in release builds). A weak function is
/// merged by the linker into one definition, and never inlined, so its local static is unique.
/// (A file-scope static struct would not do either: Swift's clang importer leaves it undefined.)
__attribute__((weak, noinline)) struct bw_signal_state *bw_signal_state(void) {
    static struct bw_signal_state state = { .wake_fd = -1 };
    return &state;
}

static inline void bw_poke_wake_pipe(void) {
    int fd = bw_signal_state()->wake_fd;
    if (fd >= 0) {
        char byte = 1;
        ssize_t ignored = write(fd, &byte, 1);
        (void)ignored;
    }
}

static void bw_on_termination(int signal_number) {
    int saved_errno = errno;
    struct bw_signal_state *state = bw_signal_state();
    if (state->termination_signal == 0) { state->termination_signal = signal_number; }
    bw_poke_wake_pipe();
    errno = saved_errno;
}

static void bw_on_suspend(int signal_number) {
    (void)signal_number;
    int saved_errno = errno;
    bw_signal_state()->suspend_requested = 1;
    bw_poke_wake_pipe();
    errno = saved_errno;
}

static void bw_on_continue(int signal_number) {
    (void)signal_number;
    int saved_errno = errno;
    bw_signal_state()->continued = 1;
    bw_poke_wake_pipe();
    errno = saved_errno;
}

/// Runs ncurses' own SIGWINCH handler (which makes wget_wch return KEY_RESIZE), then wakes the
/// input wait: the kernel may deliver SIGWINCH to a thread other than the one blocked in poll.
static void bw_on_window_change(int signal_number, siginfo_t *info, void *context) {
    int saved_errno = errno;
    struct sigaction *chained = &bw_signal_state()->chained_winch;
    if (chained->sa_flags & SA_SIGINFO) {
        if (chained->sa_sigaction != NULL) { chained->sa_sigaction(signal_number, info, context); }
    } else if (chained->sa_handler != SIG_DFL && chained->sa_handler != SIG_IGN) {
        chained->sa_handler(signal_number);
    }
    bw_poke_wake_pipe();
    errno = saved_errno;
}

/// Crash: put the terminal back (precomputed bytes, saved termios), then re-raise under the
/// previous disposition (the default action, or the Swift runtime's backtracer).
static void bw_on_crash(int signal_number) {
    struct bw_signal_state *state = bw_signal_state();
    int length = state->reset_length;
    if (length > 0) {
        ssize_t ignored = write(STDOUT_FILENO, state->reset_bytes, (size_t)length);
        (void)ignored;
    }
    if (state->has_shell_termios) { tcsetattr(STDIN_FILENO, TCSANOW, &state->shell_termios); }
    if (signal_number > 0 && signal_number < BW_SIGNAL_SLOTS && state->installed[signal_number]) {
        sigaction(signal_number, &state->previous_actions[signal_number], NULL);
        state->installed[signal_number] = 0;
    } else {
        signal(signal_number, SIG_DFL);
    }
    raise(signal_number);
}

/// Which handler bw_signal_install puts in place.
enum {
    BW_HANDLER_TERMINATION = 1,
    BW_HANDLER_SUSPEND = 2,
    BW_HANDLER_CONTINUE = 3,
    BW_HANDLER_CRASH = 4,
    BW_HANDLER_IGNORE = 5,
    BW_HANDLER_WINDOW_CHANGE = 6,
};

/// Installs one handler, remembering the action it replaces (the first time). 0 or -1.
static inline int bw_signal_install(int signal_number, int handler) {
    struct bw_signal_state *state = bw_signal_state();
    if (signal_number <= 0 || signal_number >= BW_SIGNAL_SLOTS) { errno = EINVAL; return -1; }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    switch (handler) {
    case BW_HANDLER_TERMINATION: action.sa_handler = bw_on_termination; action.sa_flags = SA_RESTART; break;
    case BW_HANDLER_SUSPEND: action.sa_handler = bw_on_suspend; action.sa_flags = SA_RESTART; break;
    case BW_HANDLER_CONTINUE: action.sa_handler = bw_on_continue; action.sa_flags = SA_RESTART; break;
    case BW_HANDLER_CRASH: action.sa_handler = bw_on_crash; action.sa_flags = SA_NODEFER | SA_ONSTACK; break;
    case BW_HANDLER_IGNORE: action.sa_handler = SIG_IGN; break;
    case BW_HANDLER_WINDOW_CHANGE:
        if (sigaction(signal_number, NULL, &state->chained_winch) != 0) { return -1; }
        action.sa_sigaction = bw_on_window_change;
        action.sa_flags = SA_RESTART | SA_SIGINFO;
        break;
    default: errno = EINVAL; return -1;
    }
    struct sigaction previous;
    if (sigaction(signal_number, &action, &previous) != 0) { return -1; }
    if (!state->installed[signal_number]) {
        state->previous_actions[signal_number] = previous;
        state->installed[signal_number] = 1;
    }
    return 0;
}

/// Records the current action as the one bw_signal_restore puts back, without changing it
/// (for SIGWINCH, which newterm replaces before we chain onto it).
static inline void bw_signal_remember(int signal_number) {
    struct bw_signal_state *state = bw_signal_state();
    if (signal_number <= 0 || signal_number >= BW_SIGNAL_SLOTS || state->installed[signal_number]) { return; }
    if (sigaction(signal_number, NULL, &state->previous_actions[signal_number]) == 0) {
        state->installed[signal_number] = 1;
    }
}

/// Puts back the action that was in place before bw_signal_install or bw_signal_remember.
static inline void bw_signal_restore(int signal_number) {
    struct bw_signal_state *state = bw_signal_state();
    if (signal_number <= 0 || signal_number >= BW_SIGNAL_SLOTS || !state->installed[signal_number]) { return; }
    sigaction(signal_number, &state->previous_actions[signal_number], NULL);
    state->installed[signal_number] = 0;
}

/// Whether the signal's current disposition is SIG_DFL (SIGTSTP is left alone when ignored).
static inline int bw_signal_is_default(int signal_number) {
    struct sigaction current;
    if (sigaction(signal_number, NULL, &current) != 0) { return 0; }
    return !(current.sa_flags & SA_SIGINFO) && current.sa_handler == SIG_DFL;
}

/// Stops the process as SIGTSTP's default action does; returns after SIGCONT.
static inline void bw_signal_stop_self(void) {
    struct sigaction action, previous;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = SIG_DFL;
    sigaction(SIGTSTP, &action, &previous);
    sigset_t unblock, old_mask;
    sigemptyset(&unblock);
    sigaddset(&unblock, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &unblock, &old_mask);
    raise(SIGTSTP);
    pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
    sigaction(SIGTSTP, &previous, NULL);
}

static inline void bw_signal_set_wake_fd(int fd) { bw_signal_state()->wake_fd = fd; }

static inline int bw_signal_termination(void) { return bw_signal_state()->termination_signal; }
static inline void bw_signal_clear_termination(void) { bw_signal_state()->termination_signal = 0; }

static inline int bw_signal_take_suspend(void) {
    int value = bw_signal_state()->suspend_requested;
    bw_signal_state()->suspend_requested = 0;
    return value;
}

static inline int bw_signal_take_continued(void) {
    int value = bw_signal_state()->continued;
    bw_signal_state()->continued = 0;
    return value;
}

/// Saves the terminal modes the crash handler restores (call before curses changes them).
static inline void bw_signal_save_shell_termios(void) {
    struct bw_signal_state *state = bw_signal_state();
    state->has_shell_termios = tcgetattr(STDIN_FILENO, &state->shell_termios) == 0;
}
static inline void bw_signal_forget_shell_termios(void) { bw_signal_state()->has_shell_termios = 0; }

/// Sets the bytes the crash handler writes (truncated to the buffer).
static inline void bw_signal_set_reset_bytes(const char *bytes, int length) {
    struct bw_signal_state *state = bw_signal_state();
    state->reset_length = 0;
    if (length > BW_RESET_CAPACITY) { length = BW_RESET_CAPACITY; }
    if (bytes != NULL && length > 0) { memcpy(state->reset_bytes, bytes, (size_t)length); }
    state->reset_length = bytes != NULL && length > 0 ? length : 0;
}

#endif
