//go:build !linux

package sigv4_test

import "time"

// threadCPU is not read on this system: cpuLoop reports no CPU time.
func threadCPU() time.Duration { return 0 }
