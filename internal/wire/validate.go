package wire

import (
	"strconv"
	"unicode/utf8"
)

// validate checks a decoded input against the constraints of its shape:
// required members, string/blob/list/map lengths, numeric ranges, patterns,
// enumerations and unions. It returns the violations in model order.
func validate(sh *Shape, v map[string]any) []violation {
	var vs []violation
	return validateStruct(vs, sh, v, "")
}

func joinPath(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

func validateStruct(vs []violation, sh *Shape, v map[string]any, prefix string) []violation {
	set := 0
	for _, m := range sh.Members {
		if m.Location == LocationStatusCode {
			continue
		}
		path := joinPath(prefix, lowerFirst(m.Name))
		val, ok := v[m.Name]
		if !ok || val == nil {
			if m.Required {
				vs = append(vs, violation{kind: vRequired, path: path, shape: m.Shape, leaf: m.Name})
			}
			continue
		}
		set++
		vs = validateValue(vs, m.Shape, val, path, m.Name)
	}
	if sh.Union && set != 1 {
		vs = append(vs, violation{kind: vUnion, path: prefix, value: v, shape: sh, leaf: sh.Name})
	}
	return vs
}

func validateValue(vs []violation, sh *Shape, val any, path, leaf string) []violation {
	switch x := val.(type) {
	case string:
		n := utf8.RuneCountInString(x)
		vs = lengthChecks(vs, sh, float64(n), x, path, leaf)
		if sh.Type == TypeString {
			if sh.notPref != "" && len(x) >= len(sh.notPref) && x[:len(sh.notPref)] == sh.notPref ||
				sh.re != nil && !sh.re.MatchString(x) {
				vs = append(vs, violation{kind: vPattern, path: path, value: x, shape: sh, leaf: leaf})
			}
			if sh.enumSet != nil {
				if _, ok := sh.enumSet[x]; !ok {
					vs = append(vs, violation{kind: vEnum, path: path, value: x, shape: sh, leaf: leaf})
				}
			}
		}
	case []byte:
		vs = lengthChecks(vs, sh, float64(len(x)), x, path, leaf)
	case int64:
		vs = rangeChecks(vs, sh, float64(x), x, path, leaf)
	case float64:
		vs = rangeChecks(vs, sh, x, x, path, leaf)
	case []any:
		vs = lengthChecks(vs, sh, float64(len(x)), x, path, leaf)
		if sh.Member != nil {
			for i, e := range x {
				if e == nil {
					continue
				}
				vs = validateValue(vs, sh.Member.Shape, e, path+"."+strconv.Itoa(i+1)+".member", leaf)
			}
		}
	case map[string]any:
		switch sh.Type {
		case TypeStructure:
			vs = validateStruct(vs, sh, x, path)
		case TypeMap:
			vs = lengthChecks(vs, sh, float64(len(x)), x, path, leaf)
			for _, k := range sortedKeys(x) {
				vs = validateValue(vs, sh.Key.Shape, k, path+"."+k+".key", leaf)
				if e := x[k]; e != nil {
					vs = validateValue(vs, sh.Value.Shape, e, path+"."+k+".value", leaf)
				}
			}
		}
	}
	return vs
}

func lengthChecks(vs []violation, sh *Shape, n float64, val any, path, leaf string) []violation {
	if sh.Min != nil && n < *sh.Min {
		vs = append(vs, violation{kind: vMinLength, path: path, value: val, shape: sh, leaf: leaf})
	}
	if sh.Max != nil && n > *sh.Max {
		vs = append(vs, violation{kind: vMaxLength, path: path, value: val, shape: sh, leaf: leaf})
	}
	return vs
}

func rangeChecks(vs []violation, sh *Shape, n float64, val any, path, leaf string) []violation {
	if sh.Min != nil && n < *sh.Min {
		vs = append(vs, violation{kind: vMinValue, path: path, value: val, shape: sh, leaf: leaf})
	}
	if sh.Max != nil && n > *sh.Max {
		vs = append(vs, violation{kind: vMaxValue, path: path, value: val, shape: sh, leaf: leaf})
	}
	return vs
}
