//go:build race

package story_test

// raceEnabled reports whether the race detector is on: the concurrency
// test then sends fewer calls.
const raceEnabled = true
