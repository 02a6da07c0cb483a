package sigv4

import (
	"encoding/hex"
	"strconv"
	"strings"
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

// equalFold folds ASCII case only and compares every other byte
// (non-letters, bytes >= 0x80) exactly.
func checkEqualFold(t *rapid.T) {
	alpha := rapid.SampledFrom([]byte("aAzZ@[`{-_09\x00\x7f\x80\xc1\xe1\xfa\xffmM"))
	a := rapid.SliceOfN(alpha, 0, 40).Draw(t, "a")
	b := make([]byte, len(a))
	copy(b, a)
	for i := range rapid.IntRange(0, 4).Draw(t, "changes") {
		if len(b) == 0 {
			break
		}
		j := rapid.IntRange(0, len(b)-1).Draw(t, "at"+strconv.Itoa(i))
		b[j] = alpha.Draw(t, "to"+strconv.Itoa(i))
	}
	want := len(a) == len(b)
	for i := range a {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			want = false
		}
	}
	if got := equalFold(string(a), string(b)); got != want {
		t.Fatalf("equalFold(%q, %q) = %v", a, b, got)
	}
}

func TestEqualFold(t *testing.T) { rapid.Check(t, checkEqualFold) }

func FuzzEqualFold(f *testing.F) { f.Fuzz(rapid.MakeFuzz(checkEqualFold)) }

// encodeHex32 and appendHex32 write what encoding/hex writes.
func TestHex32(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var src [32]byte
		copy(src[:], rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "src"))
		var got [64]byte
		encodeHex32(&got, &src)
		if want := hex.EncodeToString(src[:]); string(got[:]) != want {
			t.Fatalf("encodeHex32 = %s, want %s", got[:], want)
		}
		if got := appendHex32([]byte("x"), &src); string(got) != "x"+hex.EncodeToString(src[:]) {
			t.Fatalf("appendHex32 = %s", got)
		}
	})
}

// ctEqualClean is string equality, and clean says the second string holds
// no byte <= ' '.
func TestCtEqualClean(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		alpha := rapid.SampledFrom([]byte("aZ09+/= \t\n\x00\x21\x20\x7f\x80\xff"))
		a := string(rapid.SliceOfN(alpha, 0, 70).Draw(t, "a"))
		b := a
		if rapid.Bool().Draw(t, "other") {
			b = string(rapid.SliceOfN(alpha, 0, 70).Draw(t, "b"))
		}
		eq, clean := ctEqualClean(a, b)
		if eq != (a == b) {
			t.Fatalf("ctEqualClean(%q, %q) equal = %v", a, b, eq)
		}
		if eq && clean != (indexControl(b) < 0) {
			t.Fatalf("ctEqualClean(%q) clean = %v", b, clean)
		}
	})
}

// ctEqualHex is equality of a string with 64 bytes, whatever byte differs.
func TestCtEqualHex(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var h [64]byte
		copy(h[:], rapid.SliceOfN(rapid.Byte(), 64, 64).Draw(t, "h"))
		b := []byte(string(h[:]))
		switch rapid.IntRange(0, 2).Draw(t, "change") {
		case 1:
			i := rapid.IntRange(0, 63).Draw(t, "i")
			b[i] ^= byte(rapid.IntRange(1, 255).Draw(t, "bit"))
		case 2:
			b = rapid.SliceOfN(rapid.Byte(), 0, 70).Draw(t, "other")
		}
		if got, want := ctEqualHex(&h, string(b)), string(h[:]) == string(b); got != want {
			t.Fatalf("ctEqualHex(%x, %x) = %v", h, b, got)
		}
	})
}

// A difference in one word is not hidden by the words after it: a byte
// whose case differs, followed eight bytes on by a byte holding the case
// bit (Go's ^ and | share a precedence, so a0^b0 | a1^b1 unparenthesised
// is ((a0^b0)|a1)^b1).
func TestCtEqualCleanLaterWords(t *testing.T) {
	base := strings.Repeat("a", 100)
	for i := 0; i < len(base); i++ {
		b := []byte(base)
		b[i] = 'A'
		if eq, _ := ctEqualClean(base, string(b)); eq {
			t.Fatalf("ctEqualClean equal with byte %d changed", i)
		}
	}
}
