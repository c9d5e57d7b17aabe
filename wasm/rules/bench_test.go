package rules

import "testing"

// benchPost is a realistic 500-character French post with a phone number,
// an IBAN, an email and an address.
const benchPost = "Coucou tout le monde ! 🎉 On organise une cagnotte pour le départ à la retraite de Martine après 32 ans à l'école Jean Jaurès. Si vous voulez participer, voici mon RIB : FR76 3000 6000 0112 3456 7890 189 (au nom de Sophie Leroy). Pour toute question vous pouvez m'appeler au 06 12 34 56 78 ou m'écrire à sophie.leroy@gmail.com 😊 La fête aura lieu le samedi 14 juin à 18h30 à la salle des fêtes, 12 rue des Lilas, 69003 Lyon. Merci à tous, partagez !! 🙏💐"

// BenchmarkScanPost measures the shipped rules natively; ./build.sh bench
// reports the same in WebAssembly.
func BenchmarkScanPost(b *testing.B) {
	e, err := DefaultEngine()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(benchPost)))
	for b.Loop() {
		e.Scan(benchPost)
	}
}
