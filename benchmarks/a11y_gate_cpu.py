"""Where the cold gate's CPU goes, by process: Chromium's renderers, its browser and GPU
processes, chromedriver, Java (the Nu checker) and the gate's own Python.

    flock /work/cpu.lock .venv/bin/python benchmarks/a11y_gate_cpu.py /tmp/seed-bench

Copies the seed project into the folder the first time and builds it (again on every run:
the gate writes its results into the statement page), empties the result cache, runs the gate
as `policysite build` does and samples /proc every 0.2 s: each process under this one is
counted with the last CPU time seen for it (utime + stime). Wall time alone cannot tell a busy
renderer from a WebDriver round trip; this can. It also prints how many cores the gate kept
busy in each 5 s and the core-seconds left unused (waits, one browser alone). Timings live
here, never in tests.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import a11y_gate

TICKS = os.sysconf("SC_CLK_TCK")
SELF = "python (the gate, its server and this sampler)"


def processes() -> dict[int, tuple[int, float, str]]:
    """pid -> (parent pid, CPU seconds so far, command line)."""
    found: dict[int, tuple[int, float, str]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as stat, open(f"/proc/{name}/cmdline", "rb") as cmd:
                fields, command = stat.read(), cmd.read()
        except OSError:
            continue  # ended meanwhile
        rest = fields[fields.rindex(")") + 2:].split()
        line = command.replace(b"\0", b" ").decode(errors="replace").strip()
        found[int(name)] = (int(rest[1]), (int(rest[11]) + int(rest[12])) / TICKS, line)
    return found


def kind(command: str) -> str:
    """'chromium renderer', 'chromium gpu-process', 'chromedriver', 'java (vnu)', …"""
    if "chromedriver" in command.split(" ")[0]:
        return "chromedriver"
    if "chrom" in command.split(" ")[0]:
        process_type = re.search(r"--type=(\S+)", command)
        if process_type is None:
            return "chromium browser process"
        service = re.search(r"--utility-sub-type=(\S+)", command)
        return f"chromium {process_type.group(1)}" + (f" {service.group(1)}" if service else "")
    if "java" in command.split(" ")[0]:
        return "java (vnu)"
    return os.path.basename(command.split(" ")[0]) or "?"


class Sampler:
    def __init__(self) -> None:
        self.last: dict[int, tuple[str, float]] = {}
        # (seconds since start, CPU seconds of this process and every process under it)
        self.timeline: list[tuple[float, float]] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        started = time.perf_counter()
        while not self.stop.is_set():
            found = processes()
            family = {me}
            grew = True
            while grew:
                grew = False
                for pid, (parent, _, _) in found.items():
                    if parent in family and pid not in family:
                        family.add(pid)
                        grew = True
            for pid in family - {me}:
                if pid in found:
                    # A process that has ended (a zombie) has no command line left, but its
                    # CPU time is still there: it keeps the kind last seen. (A wrapper script
                    # that execs the program changes its command line: the latest one counts.)
                    command = found[pid][2]
                    seen = kind(command) if command else self.last.get(pid, ("?", 0.0))[0]
                    self.last[pid] = (seen, found[pid][1])
            children = sum(seconds for _, seconds in self.last.values())
            self.timeline.append((time.perf_counter() - started, children + sum(os.times()[:2])))
            self.stop.wait(0.2)

    def idle_lines(self, cores: int = 2, bucket: float = 5.0) -> list[str]:
        """Cores busy per `bucket` seconds, and the core-seconds left unused: where the gate
        waits (browser start, one browser alone at the end, the statement) rather than works."""
        lines, unused, (start, cpu) = [], 0.0, self.timeline[0]
        for moment, total in self.timeline[1:]:
            if moment - start >= bucket:
                busy = (total - cpu) / (moment - start)
                unused += max(0.0, cores - busy) * (moment - start)
                lines.append(f"{start:6.0f}–{moment:4.0f} s {busy:4.2f} cores")
                start, cpu = moment, total
        moment, total = self.timeline[-1]
        if moment > start:  # the last, shorter bucket
            unused += max(0.0, cores * (moment - start) - (total - cpu))
            lines.append(f"{start:6.0f}–{moment:4.0f} s {(total - cpu) / (moment - start):4.2f} cores")
        return [f"core-seconds unused (of {cores} cores): {unused:.1f}", *lines]

    def by_kind(self) -> dict[str, float]:
        totals: dict[str, float] = {}
        for name, seconds in self.last.values():
            totals[name] = totals.get(name, 0.0) + seconds
        return totals


def main() -> int:
    root = Path(sys.argv[1]).resolve()
    if not (root / "regions").is_dir():
        a11y_gate.seed_project(root)
    # Built again each time: a gate run leaves its results in the statement page, and a
    # statement without its marker would be checked once among the others, not in final form.
    print(f"seed site built in {a11y_gate.build_unchecked(root):.1f} s")
    shutil.rmtree(root / "build" / "a11y-cache", ignore_errors=True)
    print(f"load average before: {a11y_gate.load()}")
    sampler = Sampler()
    own_before = sum(os.times()[:2])
    sampler.thread.start()
    seconds, report = a11y_gate.gate(root)
    sampler.stop.set()
    sampler.thread.join()
    totals = sampler.by_kind()
    totals[SELF] = sum(os.times()[:2]) - own_before
    print(f"cold gate {seconds:.1f} s; load average after: {a11y_gate.load()}")
    print(a11y_gate.steps(report))
    for name, cpu in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"  {name:<48}{cpu:8.1f} s CPU")
    total = sum(totals.values())
    print(f"  {'total':<48}{total:8.1f} s CPU ({total / seconds:.2f} cores on average)")
    print("\n".join(sampler.idle_lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
