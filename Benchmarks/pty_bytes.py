#!/usr/bin/env python3
"""Measure what a terminal program writes to its terminal, and the CPU it uses, in steady state.

Runs each command in its own pseudo-terminal of a fixed size, drains everything it writes,
ignores a warm-up period (first paint), then counts bytes and CPU time over a measuring window.
Several commands run side by side in the same window, so they share the machine's conditions.

    python3 Benchmarks/pty_bytes.py --cols 200 --rows 50 --warmup 10 --seconds 60 \
        --run burnwatch=".build/release/burnwatch demo --speed 1" --run htop="htop -d 15"
"""
import argparse, fcntl, os, pty, select, shlex, signal, struct, sys, termios, time


def spawn(command, cols, rows, env):
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(command[0], command, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    os.kill(pid, signal.SIGWINCH)
    return pid, fd


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cols", type=int, default=200)
    parser.add_argument("--rows", type=int, default=50)
    parser.add_argument("--warmup", type=float, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--run", action="append", required=True, help="name=command")
    parser.add_argument("--term", default="xterm-256color")
    args = parser.parse_args()

    env = dict(os.environ, TERM=args.term, LANG=os.environ.get("LANG", "C.UTF-8"))
    procs = {}
    for spec in args.run:
        name, command = spec.split("=", 1)
        pid, fd = spawn(shlex.split(command), args.cols, args.rows, env)
        procs[fd] = {"name": name, "pid": pid, "warm": 0, "bytes": 0}

    start = time.monotonic()
    measuring_from = start + args.warmup
    end = measuring_from + args.seconds
    cpu_start = {}
    while time.monotonic() < end:
        now = time.monotonic()
        if now >= measuring_from and not cpu_start:
            cpu_start = {fd: cpu_seconds(p["pid"]) for fd, p in procs.items()}
        ready, _, _ = select.select(list(procs), [], [], 0.2)
        for fd in ready:
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b""
            key = "bytes" if time.monotonic() >= measuring_from else "warm"
            procs[fd][key] += len(data)
    results = []
    for fd, p in procs.items():
        cpu = cpu_seconds(p["pid"]) - cpu_start.get(fd, 0)
        results.append((p["name"], p["warm"], p["bytes"] / args.seconds, 100 * cpu / args.seconds))
        os.kill(p["pid"], signal.SIGTERM)
    time.sleep(0.5)
    for fd, p in procs.items():
        try:
            os.waitpid(p["pid"], os.WNOHANG)
        except ChildProcessError:
            pass
    print(f"{'program':<12} {'first paint+warm-up B':>22} {'steady B/s':>11} {'CPU % of a core':>16}   ({args.cols}x{args.rows}, TERM={args.term}, {args.seconds:.0f} s)")
    for name, warm, rate, cpu in results:
        print(f"{name:<12} {warm:>22} {rate:>11.1f} {cpu:>16.2f}")


if __name__ == "__main__":
    main()
