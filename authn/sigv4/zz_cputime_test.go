package sigv4_test

import (
	"runtime"
	"testing"
)

// cpuLoop runs f in a b.Loop on one locked thread and reports the thread's
// CPU time per iteration as cpu-ns/op: on a shared machine wall time
// counts the time other processes hold the core, thread CPU time does not.
func cpuLoop(b *testing.B, f func()) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	start := threadCPU()
	n := 0
	for b.Loop() {
		f()
		n++
	}
	if end := threadCPU(); start > 0 && n > 0 {
		b.ReportMetric(float64(end-start)/float64(n), "cpu-ns/op")
	}
}
