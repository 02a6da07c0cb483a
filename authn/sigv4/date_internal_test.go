package sigv4

import (
	"testing"
	"time"

	"pgregory.net/rapid"
)

// parseAmzDate agrees with time.Parse on every date of years 0-9999, and
// appendAmzDate formats its result back to the same bytes.
func checkParseAmzDate(t *rapid.T) {
	y := rapid.IntRange(0, 9999).Draw(t, "year")
	mo := rapid.IntRange(1, 12).Draw(t, "month")
	d := rapid.IntRange(1, 31).Draw(t, "day")
	h, mi, s := rapid.IntRange(0, 23).Draw(t, "hour"), rapid.IntRange(0, 59).Draw(t, "min"), rapid.IntRange(0, 59).Draw(t, "sec")
	raw := string([]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10),
		byte('0' + mo/10), byte('0' + mo%10), byte('0' + d/10), byte('0' + d%10), 'T',
		byte('0' + h/10), byte('0' + h%10), byte('0' + mi/10), byte('0' + mi%10), byte('0' + s/10), byte('0' + s%10), 'Z'})
	want, err := time.Parse(amzDateLayout, raw)
	got, ok := parseAmzDate(raw)
	if ok != (err == nil) {
		t.Fatalf("%s: parseAmzDate ok %v, time.Parse error %v", raw, ok, err)
	}
	if !ok {
		return
	}
	if !got.Equal(want) || got.Location() != time.UTC {
		t.Fatalf("%s: parseAmzDate %v, time.Parse %v", raw, got, want)
	}
	var b [16]byte
	if back := string(appendAmzDate(b[:0], got)); back != raw {
		t.Fatalf("%s formats back as %s", raw, back)
	}
}

func TestParseAmzDate(t *testing.T) { rapid.Check(t, checkParseAmzDate) }

func FuzzParseAmzDate(f *testing.F) { f.Fuzz(rapid.MakeFuzz(checkParseAmzDate)) }

func TestParseAmzDateEdges(t *testing.T) {
	for _, raw := range []string{"00000101T000000Z", "00000229T000000Z", "99991231T235959Z", "19700101T000000Z",
		"20000229T120000Z", "19000228T000000Z", "20240229T000000Z", "20250301T120000Z"} {
		want, err := time.Parse(amzDateLayout, raw)
		got, ok := parseAmzDate(raw)
		if err != nil || !ok || !got.Equal(want) {
			t.Errorf("%s: parseAmzDate %v %v, time.Parse %v %v", raw, got, ok, want, err)
		}
	}
	for _, raw := range []string{"19000229T000000Z", "20250230T000000Z", "20250431T000000Z", "20251301T000000Z", "20250100T000000Z"} {
		if _, ok := parseAmzDate(raw); ok {
			t.Errorf("%s parsed", raw)
		}
	}
}
