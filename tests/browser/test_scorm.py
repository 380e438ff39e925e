"""SCORM 1.2 packages (`make lms`): made from an offline zip and checked as an LMS imports them (the
manifest against the SCORM 1.2 XSDs and its structure, every file), then run under scorm-again, the
LMS side of SCORM (npm, pinned): a parent page with `new Scorm12API()` as `window.API` and the
package's launch page in a frame, served on 127.0.0.1. The largest quiz is answered there: initialize,
status, score and suspend data reach the LMS, and a relaunch with the saved data restores the answers.
"""

from __future__ import annotations

import json
import shutil
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from lxml import etree
from playwright.sync_api import expect

from support import FIXTURES, ROOT, WALKTHROUGHS, PageWatcher, serve
from macros.quiz import quiz_version
from macros.scorm import LAUNCH_PAGE, SCRIPT, offline_page
from macros.site import load_site

sys.path.insert(0, str(ROOT / "scripts"))
from make_lms import MANIFEST, make_lms, read_settings  # noqa: E402
from make_offline import external_fetches  # noqa: E402

# One worker takes the whole module, so the offline zip and the packages are made once.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("scorm")]

SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
XSD = FIXTURES / "scorm12"
CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
NS = {"cp": CP, "adlcp": ADLCP}
# The walkthrough with the most quiz items: the one the browser tests run.
LARGEST = max(WALKTHROUGHS.values(), key=lambda w: len(w.quiz))

# The LMS: scorm-again's runtime as window.API, started with the data of an earlier session (?cmi=) and
# settings (?settings=), recording every call the package makes; the package's launch page in a frame.
LMS_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>An LMS</title>
<script src="scorm12.js"></script>
<script>
  const params = new URLSearchParams(location.search);
  window.API = new Scorm12API({ logLevel: 5, ...JSON.parse(params.get("settings") || "{}") });
  if (params.get("cmi")) API.loadFromJSON(JSON.parse(params.get("cmi")));
  window.lmsCalls = [];
  for (const name of ["LMSInitialize", "LMSSetValue", "LMSCommit", "LMSFinish"]) {
    API.on(name, (element, value) => lmsCalls.push(name === "LMSSetValue" ? [name, element, value] : [name]));
  }
</script>
</head>
<body style="margin: 0">
<iframe id="sco" title="The course" style="display: block; width: 100%; height: 100vh; border: 0"></iframe>
<script>document.getElementById("sco").src = `packages/${params.get("package")}/launch.html`;</script>
</body>
</html>
"""


@pytest.fixture(scope="module")
def made(tmp_path_factory, offline_zip):
    """(the offline zip, the packages by slug), made from the checkout as `make lms` makes them."""
    return offline_zip, make_lms(ROOT, offline_zip, tmp_path_factory.mktemp("lms") / "lms")["packages"]


@pytest.fixture(scope="module")
def packages(made) -> dict[str, Path]:
    return made[1]


@pytest.fixture(scope="module")
def lms_url(packages, tmp_path_factory):
    """The LMS page and the largest quiz's package, served on 127.0.0.1."""
    root = tmp_path_factory.mktemp("lms-host")
    (root / "index.html").write_text(LMS_PAGE, encoding="utf-8")
    shutil.copyfile(SCORM_AGAIN, root / "scorm12.js")
    with zipfile.ZipFile(packages[LARGEST.slug]) as archive:
        archive.extractall(root / "packages" / LARGEST.slug)
    server, url = serve(root)
    yield url
    server.shutdown()


# ---- The packages, as an LMS imports them ------------------------------------------------------------


def manifest_schema() -> etree.XMLSchema:
    """The SCORM 1.2 XSDs (tests/fixtures/scorm12/NOTICE.md says where they come from and why two are
    adjusted as they load): IMS Content Packaging with ADL's extensions."""

    class Adjusted(etree.Resolver):
        def resolve(self, url, pubid, context):
            path = XSD / url.rsplit("/", 1)[-1]
            text = path.read_bytes()
            if path.name == "ims_xml.xsd":  # libxml2 refuses the xml namespace as a default namespace
                text = text.replace(b'xmlns="http://www.w3.org/XML/1998/namespace"', b"")
            return self.resolve_string(text, context, base_url=path.as_uri())

    parser = etree.XMLParser()
    parser.resolvers.add(Adjusted())
    both = (f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
            f'<xsd:import namespace="{CP}" schemaLocation="imscp_rootv1p1p2.xsd"/>'
            f'<xsd:import namespace="{ADLCP}" schemaLocation="adlcp_rootv1p2.xsd"/></xsd:schema>')
    return etree.XMLSchema(etree.fromstring(both.encode(), parser, base_url=XSD.as_uri() + "/"))


def test_one_package_per_published_walkthrough(packages):
    assert set(packages) == set(load_site(ROOT).published)


def test_each_manifest_is_valid_scorm_1_2(packages):
    schema = manifest_schema()
    _, mastery = read_settings(ROOT)
    for slug, package in packages.items():
        with zipfile.ZipFile(package) as archive:
            names = archive.namelist()
            text = archive.read(MANIFEST)
        root = etree.fromstring(text)
        assert schema.validate(root), f"{slug}: {schema.error_log}"
        assert root.tag == f"{{{CP}}}manifest"
        assert IMSMD not in text.decode(), "no IMS metadata: the test does not load its schema"
        assert [root.findtext("cp:metadata/cp:schema", namespaces=NS), root.findtext("cp:metadata/cp:schemaversion", namespaces=NS)] == ["ADL SCORM", "1.2"]
        (organizations,) = root.findall("cp:organizations", NS)
        (organization,) = organizations.findall("cp:organization", NS)
        assert organizations.get("default") == organization.get("identifier")
        (item,) = organization.findall("cp:item", NS)
        assert item.findtext("adlcp:masteryscore", namespaces=NS) == str(mastery)
        assert item.findtext("cp:title", namespaces=NS) == WALKTHROUGHS[slug].title
        (resource,) = root.findall("cp:resources/cp:resource", NS)
        assert item.get("identifierref") == resource.get("identifier")
        assert (resource.get("type"), resource.get(f"{{{ADLCP}}}scormtype"), resource.get("href")) == ("webcontent", "sco", LAUNCH_PAGE)
        listed = [file.get("href") for file in resource.findall("cp:file", NS)]
        assert len(listed) == len(set(listed))
        assert set(listed) == set(names) - {MANIFEST}, "every file of the package, and only those"
        assert MANIFEST in names and len(names) == len(set(names))


def test_the_schema_check_catches_what_scorm_forbids():
    """Guards the check above: an unknown ADL element and a wrong scormtype fail the XSDs."""
    schema = manifest_schema()

    def manifest(item_extra: str, scormtype: str) -> etree._Element:
        return etree.fromstring(
            f'<manifest identifier="m" xmlns="{CP}" xmlns:adlcp="{ADLCP}"><metadata><schema>ADL SCORM</schema>'
            f'<schemaversion>1.2</schemaversion></metadata><organizations default="o"><organization identifier="o">'
            f'<title>t</title><item identifier="i" identifierref="r"><title>t</title>{item_extra}</item></organization>'
            f'</organizations><resources><resource identifier="r" type="webcontent" adlcp:scormtype="{scormtype}" '
            f'href="{LAUNCH_PAGE}"/></resources></manifest>'.encode())

    assert schema.validate(manifest("<adlcp:masteryscore>80</adlcp:masteryscore>", "sco"))
    assert not schema.validate(manifest("<adlcp:passingscore>80</adlcp:passingscore>", "sco"))
    assert not schema.validate(manifest("", "lesson"))


def test_the_launch_page_holds_the_session_and_opens_the_walkthrough(packages):
    _, mastery = read_settings(ROOT)
    for slug, package in packages.items():
        with zipfile.ZipFile(package) as archive:
            names = set(archive.namelist())
            launch = BeautifulSoup(archive.read(LAUNCH_PAGE), "html.parser")
        script = launch.select_one("head script[src]")
        assert script["src"] == SCRIPT and SCRIPT in names
        assert (script["data-sg-sco"], script["data-sg-mastery"]) == (slug, str(mastery))
        frame = launch.select_one("body iframe.sg-sco__frame")
        assert frame["src"] == offline_page("guide", slug) and frame["src"] in names
        assert frame["title"] and launch.title.string.startswith(WALKTHROUGHS[slug].title)


def test_no_page_of_a_package_loads_from_another_host(packages, tmp_path):
    with zipfile.ZipFile(packages[LARGEST.slug]) as archive:
        archive.extractall(tmp_path)
    assert (tmp_path / LAUNCH_PAGE).is_file()
    assert external_fetches(tmp_path) == []


def test_the_same_sources_give_the_same_packages(made, tmp_path):
    offline, packages = made
    again = make_lms(ROOT, offline, tmp_path)["packages"]
    assert {slug: path.read_bytes() for slug, path in again.items()} == {slug: path.read_bytes() for slug, path in packages.items()}


# ---- In a real SCORM runtime ---------------------------------------------------------------------------


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.sco_messages = []
    tab.on("console", lambda message: message.text.startswith("sg-sco:") and tab.sco_messages.append(message.text))
    yield tab
    context.close()


def launch(tab, lms_url: str, **query):
    """Open the LMS page with the package; returns the guide page in the launch page's frame."""
    params = {"package": LARGEST.slug, **{name: json.dumps(value) for name, value in query.items()}}
    tab.goto(f"{lms_url}index.html?{urlencode(params)}")
    content = tab.frame_locator("#sco").frame_locator(".sg-sco__frame")
    expect(content.locator(".sg-quiz[data-sg-bound]")).to_have_count(1)
    return content


def lms(tab, expression: str):
    """Evaluated in the LMS page: `API` is scorm-again's runtime, `lmsCalls` what the package called."""
    return tab.evaluate(expression)


def calls(tab, name: str) -> list:
    return [call for call in lms(tab, "lmsCalls") if call[0] == name]


def answer(content, item, right: bool = True) -> None:
    """As a learner: the right options (or one wrong), then Check; a rewrite written, checked and every
    point of its checklist ticked."""
    form = content.locator(f"#quiz-{item.id}")
    if item.type == "rewrite":
        form.locator("textarea").fill(f"My rewrite of {item.id}: I owned the fix and said \"I\", not \"we\".")
        form.locator(".sg-quiz__check").click()
        for point in form.locator(".sg-quiz__checklist input").all():
            point.check()
        return
    chosen = item.answer if right else [next(i for i in range(len(item.options)) if i not in item.answer)]
    for index in chosen:
        form.locator(f"label[for='quiz-{item.id}--{index}']").click()
    form.locator(".sg-quiz__check").click()
    expect(form.locator(".sg-quiz__result")).to_be_visible()


def suspended(tab) -> dict:
    data = json.loads(lms(tab, "API.cmi.suspend_data"))
    assert (data["v"], data["q"]) == (1, quiz_version(LARGEST))
    return data["a"]


def device_progress(tab):
    """What this device stores for the largest quiz, read in the frame that shows it."""
    (frame,) = [frame for frame in tab.frames if "/walkthroughs/" in frame.url]
    key = f"sg-quiz:{LARGEST.slug}:{quiz_version(LARGEST)}"
    return frame.evaluate("key => JSON.parse(localStorage.getItem(key))", key)


def test_the_quiz_reports_to_the_lms_and_resumes_from_suspend_data(tab, lms_url):
    watcher = PageWatcher(tab, allowed=(lms_url,))
    content = launch(tab, lms_url)
    assert len(calls(tab, "LMSInitialize")) == 1
    assert lms(tab, "API.cmi.core.lesson_status") == "incomplete"

    first, *others = LARGEST.quiz
    answer(content, first, right=False)
    assert lms(tab, "[API.cmi.core.score.min, API.cmi.core.score.max, API.cmi.core.score.raw]") == ["0", "100", "0"]
    assert lms(tab, "API.cmi.core.lesson_status") == "incomplete"
    assert set(suspended(tab)) == {first.id}
    commits = len(calls(tab, "LMSCommit"))

    for item in others:
        answer(content, item)
    total = len(LARGEST.quiz)
    raw = round(100 * (total - 1) / total)
    assert lms(tab, "API.cmi.core.score.raw") == str(raw)
    assert lms(tab, "API.cmi.core.lesson_status") == ("passed" if raw >= read_settings(ROOT)[1] else "failed")
    assert len(calls(tab, "LMSCommit")) >= commits + len(others), "a commit after each checked answer"
    saved = suspended(tab)
    assert set(saved) == {item.id for item in LARGEST.quiz}
    assert len(lms(tab, "API.cmi.suspend_data")) <= 4096
    # The LMS keeps them: nothing is written to (or over) what this device stores for the quiz.
    assert device_progress(tab) is None

    # The learner moves to the quiz's own page, in the same frame: the same session, the same answers.
    content.get_by_role("link", name="a page of its own").click()
    expect(content.locator("h1")).to_contain_text("Self-check quiz")
    expect(content.locator(".sg-quiz__score")).to_have_text(f"Score: {total - 1} correct of {total} · {total} answered")
    assert len(calls(tab, "LMSInitialize")) == 1 and not calls(tab, "LMSFinish")

    # The LMS closes the course: the launch page leaves and finishes the session.
    status = lms(tab, "API.cmi.core.lesson_status")
    lms(tab, "document.getElementById('sco').remove()")
    tab.wait_for_function("lmsCalls.some(call => call[0] === 'LMSFinish')")
    assert len(calls(tab, "LMSFinish")) == 1
    set_values = {call[1]: call[2] for call in calls(tab, "LMSSetValue")}
    assert set_values["cmi.core.exit"] == "suspend" and set_values["cmi.core.session_time"].count(":") == 2
    suspend_data = lms(tab, "API.cmi.suspend_data")
    watcher.assert_clean()
    assert tab.sco_messages == []

    # Next launch: the LMS hands back what it kept, and every answer is there again.
    content = launch(tab, lms_url, cmi={"suspend_data": suspend_data, "core": {"lesson_status": status}})
    assert lms(tab, "API.cmi.core.lesson_status") == status, "a learner's status is not set back to incomplete"
    expect(content.locator(".sg-quiz__score")).to_have_text(f"Score: {total - 1} correct of {total} · {total} answered")
    for item in LARGEST.quiz:
        form = content.locator(f"#quiz-{item.id}")
        expect(form.locator(".sg-quiz__result")).to_be_visible()
        if item.type == "rewrite":
            expect(form.locator("textarea")).to_have_value(saved[item.id]["text"])
        else:
            chosen = [box.is_checked() for box in form.locator(".sg-quiz__fieldset input").all()]
            assert [i for i, ticked in enumerate(chosen) if ticked] == saved[item.id]["chosen"]
    # A rewrite is kept only as long as the fullest answers still fit the LMS's 4,096 characters.
    assert int(content.locator("textarea").first.get_attribute("maxlength")) >= max(len(i.model_answer or "") for i in LARGEST.quiz)

    # The learner retries the item they missed, rightly this time: the LMS hears of it.
    content.locator(f"#quiz-{first.id} .sg-quiz__retry").click()
    answer(content, first)
    assert lms(tab, "API.cmi.core.score.raw") == "100"
    assert lms(tab, "API.cmi.core.lesson_status") == "passed"
    watcher.assert_clean()


def test_an_lms_that_fails_is_logged_once_and_the_quiz_keeps_working(tab, lms_url):
    # scorm-again sends each commit to this URL; the test's server answers a POST with 501.
    content = launch(tab, lms_url, settings={"lmsCommitUrl": f"{lms_url}commit"})
    for item in LARGEST.quiz[:3]:
        answer(content, item)
    expect(content.locator(".sg-quiz__score")).to_have_text(f"Score: 3 correct of {len(LARGEST.quiz)} · 3 answered")
    assert len(calls(tab, "LMSCommit")) >= 4
    assert len(tab.sco_messages) == 1, tab.sco_messages
    assert tab.sco_messages[0].startswith("sg-sco: the LMS answered LMSCommit with error")


def test_without_an_lms_the_package_keeps_progress_on_the_device(tab, lms_url):
    """The launch page opened on its own (no API anywhere): the quiz behaves as on the site."""
    tab.goto(f"{lms_url}packages/{LARGEST.slug}/{LAUNCH_PAGE}")
    content = tab.frame_locator(".sg-sco__frame")
    expect(content.locator(".sg-quiz[data-sg-bound]")).to_have_count(1)
    first = LARGEST.quiz[0]
    answer(content, first)
    assert device_progress(tab) == {first.id: {"chosen": first.answer}}
    assert not content.locator("textarea").first.get_attribute("maxlength")
    assert [message for message in tab.sco_messages if "no LMS found" in message]
